#!/usr/bin/env python3
"""Writes the Terraform plan fixtures (plan-aws.json, plan-azure.json,
plan-gcp.json) in the layout of `terraform show -json` (format 1.2): for each
resource type etguard has rules for, a `good` resource that passes every
rule and a `bad` one that fails every rule, with the values written out here
by hand; plus a resource type no rule judges, a value known only after apply,
and (AWS) a module resource and a second provider in another region.
Run once; the outputs are committed. usage: make-plans.py DIR"""
import json
import os
import sys

DIGEST = "@sha256:" + "0123456789abcdef" * 4  # an image pinned by its digest
ECR = "111122223333.dkr.ecr.ap-east-2.amazonaws.com"  # the registries the tests trust:
AR = "asia-east1-docker.pkg.dev/firm"  # ECR, Artifact Registry under the firm's
ACR = "firm.azurecr.io"  # project, the firm's Azure registry

AWS = {
    "aws_db_instance": (
        {"storage_encrypted": True, "kms_key_id": "arn:aws:kms:ap-east-2:111122223333:key/1",
         "publicly_accessible": False, "backup_retention_period": 14},
        {"storage_encrypted": False, "kms_key_id": "", "publicly_accessible": True,
         "backup_retention_period": 1}),
    "aws_rds_cluster": ({"storage_encrypted": True, "backup_retention_period": 7},
                        {"storage_encrypted": False, "backup_retention_period": 0}),
    "aws_ebs_volume": ({"encrypted": True, "kms_key_id": "arn:aws:kms:ap-east-2:111122223333:key/2"},
                       {"encrypted": False, "kms_key_id": None}),
    "aws_elasticache_replication_group": (
        {"at_rest_encryption_enabled": True, "transit_encryption_enabled": True},
        {"at_rest_encryption_enabled": False, "transit_encryption_enabled": False}),
    "aws_lb_listener": ({"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"},
                        {"protocol": "HTTP", "ssl_policy": "ELBSecurityPolicy-2016-08"}),
    "aws_kms_key": ({"enable_key_rotation": True}, {"enable_key_rotation": False}),
    "aws_dynamodb_table": (
        {"server_side_encryption": [{"enabled": True,
                                     "kms_key_arn": "arn:aws:kms:ap-east-2:111122223333:key/3"}]},
        {"server_side_encryption": []}),
    "aws_s3_bucket_public_access_block": (
        {"block_public_acls": True, "block_public_policy": True, "restrict_public_buckets": True},
        {"block_public_acls": False, "block_public_policy": False,
         "restrict_public_buckets": False}),
    "aws_cloudtrail": (
        {"is_multi_region_trail": True, "enable_log_file_validation": True,
         "kms_key_id": "arn:aws:kms:ap-east-2:111122223333:key/4"},
        {"is_multi_region_trail": False, "enable_log_file_validation": False, "kms_key_id": None}),
    # The good bucket has its own public access block (referred to from the
    # block's configuration, below); the bad one none.
    "aws_s3_bucket": ({"bucket": "orders-good"}, {"bucket": "orders-bad"}),
    "aws_instance": ({"metadata_options": [{"http_tokens": "required"}]},
                     {"metadata_options": [{"http_tokens": "optional"}]}),
    "aws_ecr_repository": (
        {"image_tag_mutability": "IMMUTABLE",
         "image_scanning_configuration": [{"scan_on_push": True}]},
        {"image_tag_mutability": "MUTABLE",
         "image_scanning_configuration": [{"scan_on_push": False}]}),
    # container_definitions is a JSON string; the bad one adds a Docker Hub
    # image by tag beside a trusted, pinned one.
    "aws_ecs_task_definition": (
        {"family": "orders", "container_definitions": json.dumps(
            [{"name": "orders", "image": f"{ECR}/orders{DIGEST}"},
             {"name": "envoy", "image": f"{ECR}/envoy{DIGEST}"}])},
        {"family": "orders", "container_definitions": json.dumps(
            [{"name": "orders", "image": f"{ECR}/orders{DIGEST}"},
             {"name": "cache", "image": "redis:7"}])}),
}
AZURE = {
    "azurerm_storage_account": (
        {"location": "taiwannorth", "min_tls_version": "TLS1_2",
         "public_network_access_enabled": False},
        {"location": "taiwannorth", "min_tls_version": "TLS1_0",
         "public_network_access_enabled": True}),
    "azurerm_mssql_server": (
        {"location": "taiwannorth", "minimum_tls_version": "1.2",
         "public_network_access_enabled": False},
        {"location": "taiwannorth", "minimum_tls_version": "1.0",
         "public_network_access_enabled": True}),
    "azurerm_linux_web_app": ({"location": "taiwannorth", "https_only": True},
                              {"location": "taiwannorth", "https_only": False}),
    "azurerm_key_vault": (
        {"location": "taiwannorth", "purge_protection_enabled": True,
         "public_network_access_enabled": False,
         "network_acls": [{"default_action": "Deny", "bypass": "AzureServices"}]},
        {"location": "taiwannorth", "purge_protection_enabled": False,
         "public_network_access_enabled": True,
         "network_acls": [{"default_action": "Allow", "bypass": "AzureServices"}]}),
    "azurerm_container_group": (
        {"location": "taiwannorth", "container": [{"name": "api", "image": f"{ACR}/api{DIGEST}"}]},
        {"location": "taiwannorth", "container": [{"name": "api", "image": "docker.io/library/nginx:1.27"}]}),
    "azurerm_container_app": (
        {"location": "taiwannorth",
         "template": [{"container": [{"name": "web", "image": f"{ACR}/web{DIGEST}"}]}]},
        {"location": "taiwannorth",
         "template": [{"container": [{"name": "web", "image": "firm.azurecr.io.evil.example/web:1"}]}]}),
}
KEY = "projects/etg-analytics-prod/locations/asia-east1/keyRings/analytics/cryptoKeys/exports"
GCP = {
    "google_sql_database_instance": (
        {"region": "asia-east1",
         "settings": [{"ip_configuration": [{"ssl_mode": "ENCRYPTED_ONLY"}],
                       "backup_configuration": [{"enabled": True}]}]},
        {"region": "asia-east1",
         "settings": [{"ip_configuration": [{"ssl_mode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED"}],
                       "backup_configuration": [{"enabled": False}]}]}),
    "google_storage_bucket": (
        {"location": "ASIA-EAST1", "public_access_prevention": "enforced",
         "uniform_bucket_level_access": True},
        {"location": "ASIA-EAST1", "public_access_prevention": "inherited",
         "uniform_bucket_level_access": False}),
    "google_kms_crypto_key": ({"rotation_period": "7776000s"}, {"rotation_period": None}),
    "google_kms_crypto_key_iam_member": (
        {"crypto_key_id": KEY, "role": "roles/cloudkms.cryptoKeyEncrypterDecrypter",
         "member": "serviceAccount:etl@etg-analytics-prod.iam.gserviceaccount.com"},
        {"crypto_key_id": KEY, "role": "roles/cloudkms.cryptoKeyEncrypterDecrypter",
         "member": "allAuthenticatedUsers"}),
    "google_kms_crypto_key_iam_binding": (
        {"crypto_key_id": KEY, "role": "roles/cloudkms.viewer",
         "members": ["group:key-admins@firm.example"]},
        {"crypto_key_id": KEY, "role": "roles/cloudkms.viewer",
         "members": ["group:key-admins@firm.example", "allUsers"]}),
    "google_kms_key_ring_iam_member": (
        {"key_ring_id": KEY.rsplit("/cryptoKeys/", 1)[0], "role": "roles/cloudkms.admin",
         "member": "group:key-admins@firm.example"},
        {"key_ring_id": KEY.rsplit("/cryptoKeys/", 1)[0], "role": "roles/cloudkms.admin",
         "member": "allUsers"}),
    "google_compute_instance": (
        {"zone": "asia-east1-b", "shielded_instance_config": [{"enable_secure_boot": True}]},
        {"zone": "asia-east1-b", "shielded_instance_config": [{"enable_secure_boot": False}]}),
    "google_cloud_run_v2_service": (
        {"location": "asia-east1", "template": [{"containers": [{"image": f"{AR}/apps/api{DIGEST}"}]}]},
        {"location": "asia-east1",
         "template": [{"containers": [{"image": f"{AR}/apps/api{DIGEST}"},
                                      {"image": "asia-east1-docker.pkg.dev/firmx/apps/api:latest"}]}]}),
    # A GKE workload through the kubernetes provider: no region of its own.
    "kubernetes_deployment": (
        {"spec": [{"template": [{"spec": [{"container": [{"image": f"{AR}/apps/batch{DIGEST}"}]}]}]}]},
        {"spec": [{"template": [{"spec": [{"container": [{"image": "ghcr.io/someone/batch:2"}]}]}]}]}),
}
PROVIDERS = {"aws": ("registry.terraform.io/hashicorp/aws", "region", "ap-east-2"),
             "azurerm": ("registry.terraform.io/hashicorp/azurerm", None, None),
             "google": ("registry.terraform.io/hashicorp/google", "region", "asia-east1"),
             "kubernetes": ("registry.terraform.io/hashicorp/kubernetes", None, None)}


def resource(rtype, name, values, prefix=""):
    provider = rtype.split("_")[0]
    return {"address": f"{prefix}{rtype}.{name}", "mode": "managed", "type": rtype, "name": name,
            "provider_name": PROVIDERS[provider][0], "schema_version": 0, "values": values,
            "sensitive_values": {}}


def plan(types, provider, extra_resources=(), unknown=None, children=(), providers=None,
         references=None):
    resources = []
    for rtype, (good, bad) in types.items():
        resources.append(resource(rtype, "good", good))
        resources.append(resource(rtype, "bad", bad))
    resources.extend(extra_resources)
    changes = []
    for r in resources + [c for module in children for c in module["resources"]]:
        after_unknown = unknown.get(r["address"], {}) if unknown else {}
        changes.append({"address": r["address"], "mode": "managed", "type": r["type"],
                        "name": r["name"], "provider_name": r["provider_name"],
                        "change": {"actions": ["create"], "before": None, "after": r["values"],
                                   "after_unknown": after_unknown, "before_sensitive": False,
                                   "after_sensitive": {}}})
    full, field, region = PROVIDERS[provider]
    config = providers or {provider: {"name": provider, "full_name": full, "expressions": (
        {field: {"constant_value": region}} if field else {})}}
    configured = [{"address": r["address"], "mode": "managed", "type": r["type"], "name": r["name"],
                   "provider_config_key": r.get("_key", provider),
                   "expressions": {attribute: {"references": refs} for attribute, refs in
                                   (references or {}).get(r["address"], {}).items()},
                   "schema_version": 0} for r in resources]
    for r in resources:
        r.pop("_key", None)
    return {"format_version": "1.2", "terraform_version": "1.9.8",
            "planned_values": {"root_module": {"resources": resources,
                                               "child_modules": list(children)}},
            "resource_changes": changes,
            "configuration": {"provider_config": config,
                              "root_module": {"resources": configured}},
            "timestamp": "2026-12-06T00:00:00Z", "errored": False}


def main():
    out = sys.argv[1]
    # AWS: a module's bucket block, a resource no rule judges, a KMS key id
    # known only after apply, and a volume in Tokyo through a second provider.
    unknown_db = resource("aws_db_instance", "pending",
                          {"storage_encrypted": True, "publicly_accessible": False,
                           "backup_retention_period": 7})
    tokyo = resource("aws_ebs_volume", "tokyo", {"encrypted": True, "kms_key_id": "k"})
    tokyo["_key"] = "aws.tokyo"
    sg = resource("aws_security_group", "web", {"name": "web"})
    module = {"address": "module.logs", "resources": [
        resource("aws_s3_bucket_public_access_block", "logs",
                 {"block_public_acls": True, "block_public_policy": True,
                  "restrict_public_buckets": True}, prefix="module.logs.")]}
    providers = {"aws": {"name": "aws", "full_name": PROVIDERS["aws"][0],
                         "expressions": {"region": {"constant_value": "ap-east-2"}}},
                 "aws.tokyo": {"name": "aws", "full_name": PROVIDERS["aws"][0], "alias": "tokyo",
                               "expressions": {"region": {"constant_value": "ap-northeast-1"}}}}
    documents = {
        "plan-aws.json": plan(AWS, "aws", [unknown_db, tokyo, sg],
                              {"aws_db_instance.pending": {"kms_key_id": True}}, [module],
                              providers,
                              {"aws_s3_bucket_public_access_block.good": {
                                  "bucket": ["aws_s3_bucket.good.id", "aws_s3_bucket.good"]}}),
        # An account-wide block that passes its rules speaks for a bucket
        # without its own.
        "plan-aws-account.json": plan(
            {"aws_s3_account_public_access_block": (
                {"block_public_acls": True, "block_public_policy": True,
                 "restrict_public_buckets": True},
                {"block_public_acls": False, "block_public_policy": False,
                 "restrict_public_buckets": False})},
            "aws", [resource("aws_s3_bucket", "shared", {"bucket": "shared"})]),
        "plan-azure.json": plan(AZURE, "azurerm"),
        "plan-gcp.json": plan(GCP, "google"),
    }
    for name, document in documents.items():
        with open(os.path.join(out, name), "w") as f:
            json.dump(document, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
