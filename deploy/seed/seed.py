"""Seeds the AWS emulator (moto) of docker-compose.yml for AgentWorkflows demos and the integration suite.

Runs once, before IAM is enforced: creates the worker user, an admin user for the integration suite, the
audit role (trust and permission policies as README.md documents them), a report bucket and demo buckets
(public by ACL, public by policy, blocked by Block Public Access, private). Then it switches moto's IAM
enforcement on, so that the worker's revocation deny really blocks the revoked session.

Writes /seed-out/worker.env (the compose worker and `docker compose run worker ...`) and
/seed-out/integration.env (for the integration suite run on the host). The keys are the emulator's own:
they open nothing outside it.

moto keeps its state in memory only, while /seed-out is a volume: an existing worker.env proves nothing.
The seed therefore asks the emulator (GetRole of the audit role, with the worker's keys) and seeds again
when the role is missing, for example after the emulator container was recreated.

Emulator workaround, `--clear-demo-revocations` (also done on every start when already seeded): moto
ignores the aws:userid condition of the worker's revocation deny, so one demo run's deny would block
every later session of the demo role until the deny expires (about 75 minutes). This deletes the
AgentWorkflowsRevoke-* inline policies of the demo role on this emulator only. Real IAM honours the
condition and needs nothing of the kind.
"""

import base64
import json
import os
import secrets
import sys
import time
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = os.environ.get("AWS_ENDPOINT_URL", "http://aws:5000")
HOST_ENDPOINT = os.environ.get("HOST_AWS_ENDPOINT_URL", "http://127.0.0.1:5000")
HOST_TEMPORAL = os.environ.get("HOST_TEMPORAL_ADDRESS", "127.0.0.1:7233")
REGION = os.environ.get("AWS_REGION", "us-east-1")
OUT = os.environ.get("SEED_OUT", "/seed-out")
REPORT_BUCKET = "agentworkflows-reports"
ROLE_NAME = "AgentWorkflowsAudit"

AUDIT_PERMISSIONS = {
    "Version": "2012-10-17",
    "Statement": [{
        "Sid": "AuditS3PublicAccess",
        "Effect": "Allow",
        "Action": [
            "s3:ListAllMyBuckets", "s3:GetBucketLocation", "s3:GetBucketPublicAccessBlock",
            "s3:GetBucketPolicyStatus", "s3:GetBucketPolicy", "s3:GetBucketAcl",
            "s3:GetBucketOwnershipControls", "s3:GetAccountPublicAccessBlock",
        ],
        "Resource": "*",
    }, {
        # moto authorises GetBucketPolicyStatus and GetBucketOwnershipControls as s3:ListBucket and the
        # account-level read as s3:GetPublicAccessBlock; real AWS needs only the statement above.
        "Sid": "EmulatorActionNames",
        "Effect": "Allow",
        "Action": ["s3:ListBucket", "s3:GetPublicAccessBlock"],
        "Resource": "*",
    }],
}

# moto checks IAM actions against the resource "*", so the ARNs README.md scopes these to cannot be used here.
WORKER_PERMISSIONS = {
    "Version": "2012-10-17",
    "Statement": [
        {"Sid": "AssumeAuditRole", "Effect": "Allow",
         "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"], "Resource": "*"},
        {"Sid": "RevokeAuditSessions", "Effect": "Allow",
         "Action": ["iam:GetRole", "iam:PutRolePolicy", "iam:ListRolePolicies", "iam:DeleteRolePolicy"],
         "Resource": "*"},
        {"Sid": "WriteReports", "Effect": "Allow",
         "Action": ["s3:PutObject", "s3:GetObject", "s3:ListBucket"], "Resource": "*"},
    ],
}

ADMIN_PERMISSIONS = {
    "Version": "2012-10-17",
    "Statement": [{"Sid": "IntegrationSuite", "Effect": "Allow", "Action": "*", "Resource": "*"}],
}


def client(service, key_id="seed", secret="seed"):
    return boto3.client(
        service, endpoint_url=ENDPOINT, region_name=REGION, aws_access_key_id=key_id,
        aws_secret_access_key=secret, config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2}))


def wait_for_emulator():
    for _ in range(60):
        try:
            urllib.request.urlopen(f"{ENDPOINT}/moto-api/", timeout=2)
            return
        except OSError:
            time.sleep(1)
    sys.exit(f"seed: the AWS emulator at {ENDPOINT} did not answer within 60 s")


def user_with_key(iam, name, policy):
    iam.create_user(UserName=name)
    iam.put_user_policy(UserName=name, PolicyName="permissions", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName=name)["AccessKey"]
    arn = iam.get_user(UserName=name)["User"]["Arn"]
    return arn, key["AccessKeyId"], key["SecretAccessKey"]


def bucket(s3, name, ownership="BucketOwnerEnforced"):
    s3.create_bucket(Bucket=name, ObjectOwnership=ownership)
    s3.delete_public_access_block(Bucket=name)


def write_env(path, values):
    with open(path, "w", encoding="utf-8") as handle:
        for name, value in values.items():
            handle.write(f"{name}={value}\n")
    # Readable by the worker image's non-root user; the keys open only this emulator.
    os.chmod(path, 0o644)


def read_env(path):
    values = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            name, _, value = line.strip().partition("=")
            if name:
                values[name] = value
    return values


def worker_iam():
    """An IAM client with the worker's keys from worker.env, or None when there is no worker.env."""
    path = os.path.join(OUT, "worker.env")
    if not os.path.exists(path):
        return None
    values = read_env(path)
    return client("iam", values.get("AWS_ACCESS_KEY_ID", "seed"), values.get("AWS_SECRET_ACCESS_KEY", "seed"))


def already_seeded(iam):
    """True when the emulator itself still holds the audit role; worker.env alone does not say so."""
    try:
        iam.get_role(RoleName=ROLE_NAME)
        return True
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        if code in ("NoSuchEntity", "InvalidClientTokenId"):
            return False
        raise


def clear_demo_revocations(iam):
    """EMULATOR WORKAROUND: delete the demo role's revocation denies (moto ignores their aws:userid)."""
    names = iam.list_role_policies(RoleName=ROLE_NAME)["PolicyNames"]
    stale = [name for name in names if name.startswith("AgentWorkflowsRevoke-")]
    for name in stale:
        iam.delete_role_policy(RoleName=ROLE_NAME, PolicyName=name)
    print(f"seed: emulator workaround: deleted {len(stale)} AgentWorkflowsRevoke-* policies of {ROLE_NAME}")


def main():
    wait_for_emulator()
    iam_as_worker = worker_iam()
    if "--clear-demo-revocations" in sys.argv[1:]:
        if iam_as_worker is None or not already_seeded(iam_as_worker):
            sys.exit("seed: the emulator is not seeded; run 'docker compose up -d --build' first")
        clear_demo_revocations(iam_as_worker)
        return
    if iam_as_worker is not None and already_seeded(iam_as_worker):
        print("seed: the emulator already holds the seeded role; nothing to seed")
        clear_demo_revocations(iam_as_worker)
        return
    if iam_as_worker is not None:
        print("seed: worker.env exists but the emulator lost its state (it keeps none on disk); seeding again")
    iam, s3 = client("iam"), client("s3")

    worker_arn, worker_key, worker_secret = user_with_key(iam, "agentworkflows-worker", WORKER_PERMISSIONS)
    _, admin_key, admin_secret = user_with_key(iam, "agentworkflows-integration", ADMIN_PERMISSIONS)

    trust = {
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "AgentWorkflowsWorker", "Effect": "Allow", "Principal": {"AWS": worker_arn},
            "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
        }],
    }
    role_arn = iam.create_role(RoleName=ROLE_NAME, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    iam.put_role_policy(RoleName=ROLE_NAME, PolicyName="audit-read", PolicyDocument=json.dumps(AUDIT_PERMISSIONS))
    account = role_arn.split(":")[4]

    bucket(s3, REPORT_BUCKET)
    s3.put_public_access_block(Bucket=REPORT_BUCKET, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})

    bucket(s3, "demo-public-acl", ownership="ObjectWriter")
    s3.put_bucket_acl(Bucket="demo-public-acl", ACL="public-read")

    public_read = {"Version": "2012-10-17", "Statement": [{
        "Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::{}/*"}]}
    bucket(s3, "demo-public-policy")
    s3.put_bucket_policy(
        Bucket="demo-public-policy", Policy=json.dumps(public_read).replace("{}", "demo-public-policy"))

    # A public policy that Block Public Access neutralises (RestrictPublicBuckets): NOT_PUBLIC.
    bucket(s3, "demo-blocked-bpa")
    s3.put_bucket_policy(Bucket="demo-blocked-bpa", Policy=json.dumps(public_read).replace("{}", "demo-blocked-bpa"))
    s3.put_public_access_block(Bucket="demo-blocked-bpa", PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})

    bucket(s3, "demo-private")

    sealing_key = base64.b64encode(secrets.token_bytes(32)).decode("ascii")
    os.makedirs(OUT, exist_ok=True)
    write_env(os.path.join(OUT, "worker.env"), {
        "AWS_ACCESS_KEY_ID": worker_key, "AWS_SECRET_ACCESS_KEY": worker_secret,
        "AGENTWORKFLOWS_SEALING_KEY": sealing_key, "AGENTWORKFLOWS_AUDIT_ROLE_ARN": role_arn,
        "AGENTWORKFLOWS_AUDIT_ACCOUNT": account,
    })
    write_env(os.path.join(OUT, "integration.env"), {
        "TEMPORAL_ADDRESS": HOST_TEMPORAL, "AWS_ENDPOINT_URL": HOST_ENDPOINT, "AWS_REGION": REGION,
        "AWS_ACCESS_KEY_ID": admin_key, "AWS_SECRET_ACCESS_KEY": admin_secret,
        "AGENTWORKFLOWS_SEALING_KEY": sealing_key, "AWS_EC2_METADATA_DISABLED": "true",
    })

    # From here on every request must be signed by a user or session moto knows, and policies apply.
    request = urllib.request.Request(
        f"{ENDPOINT}/moto-api/reset-auth", data=b"0", method="POST", headers={"Content-Type": "text/plain"})
    urllib.request.urlopen(request, timeout=5)
    print(f"seed: done; audit role {role_arn}, account {account}, IAM enforcement on")


if __name__ == "__main__":
    main()
