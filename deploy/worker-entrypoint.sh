#!/bin/sh
# Loads the emulator credentials and sealing key the seed container wrote, then runs the command line.
# Without the seed file (a real deployment) the environment and the AWS SDK's usual chain apply.
set -eu
if [ -f /seed-out/worker.env ]; then
  set -a
  . /seed-out/worker.env
  set +a
fi
exec dotnet /app/agentworkflows.dll "$@"
