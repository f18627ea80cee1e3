#!/usr/bin/env python3
"""Writes the CloudFormation fixtures: cfn-template.yaml, for each resource
type etguard has rules for, a `Good` resource that passes every rule and a
`Bad` one that fails every rule (values written here by hand), plus a value
given by an intrinsic function (short form !Ref), a resource type no rule
judges and a bucket whose encryption is a long-form {"Fn::If": ...};
cfn-template.json, a few of the same resources as JSON. Run once; the
outputs are committed. usage: make-templates.py DIR"""
import json
import os
import sys

SSL = "ELBSecurityPolicy-TLS13-1-2-2021-06"
DIGEST = "@sha256:" + "0123456789abcdef" * 4
ECR = "111122223333.dkr.ecr.ap-east-2.amazonaws.com"
TYPES = {
    "AWS::RDS::DBInstance": (
        {"StorageEncrypted": True, "KmsKeyId": "arn:aws:kms:ap-east-2:111122223333:key/1",
         "PubliclyAccessible": False, "BackupRetentionPeriod": 14},
        {"StorageEncrypted": False, "PubliclyAccessible": True, "BackupRetentionPeriod": 1}),
    "AWS::RDS::DBCluster": ({"StorageEncrypted": True, "BackupRetentionPeriod": 7},
                            {"StorageEncrypted": False, "BackupRetentionPeriod": 3}),
    "AWS::EC2::Volume": ({"Encrypted": True, "KmsKeyId": "alias/volumes"}, {"Encrypted": False}),
    "AWS::S3::Bucket": (
        {"BucketEncryption": {"ServerSideEncryptionConfiguration": [
            {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]},
         "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "BlockPublicPolicy": True,
                                            "RestrictPublicBuckets": True}},
        {"PublicAccessBlockConfiguration": {"BlockPublicAcls": False, "BlockPublicPolicy": False,
                                            "RestrictPublicBuckets": False}}),
    "AWS::ElastiCache::ReplicationGroup": (
        {"AtRestEncryptionEnabled": True, "TransitEncryptionEnabled": True},
        {"AtRestEncryptionEnabled": False, "TransitEncryptionEnabled": False}),
    "AWS::ElasticLoadBalancingV2::Listener": ({"Protocol": "HTTPS", "SslPolicy": SSL},
                                              {"Protocol": "HTTP"}),
    "AWS::KMS::Key": ({"EnableKeyRotation": True}, {"EnableKeyRotation": False}),
    "AWS::DynamoDB::Table": (
        {"SSESpecification": {"SSEEnabled": True, "KMSMasterKeyId": "alias/tables"},
         "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True}},
        {"SSESpecification": {"SSEEnabled": False}}),
    "AWS::SQS::Queue": ({"KmsMasterKeyId": "alias/queues"}, {}),
    "AWS::CloudTrail::Trail": (
        {"IsMultiRegionTrail": True, "EnableLogFileValidation": True, "KMSKeyId": "alias/trail",
         "IsLogging": True},
        {"IsMultiRegionTrail": False, "EnableLogFileValidation": False, "IsLogging": True}),
    "AWS::ECR::Repository": (
        {"ImageTagMutability": "IMMUTABLE", "ImageScanningConfiguration": {"ScanOnPush": True}},
        {"ImageTagMutability": "MUTABLE", "ImageScanningConfiguration": {"ScanOnPush": False}}),
    "AWS::EC2::LaunchTemplate": (
        {"LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "required"}}},
        {"LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "optional"}}}),
    # The bad task adds a Docker Hub image by tag beside a trusted, pinned one
    # (the tests trust ECR of account 111122223333).
    "AWS::ECS::TaskDefinition": (
        {"ContainerDefinitions": [{"Name": "orders", "Image": f"{ECR}/orders{DIGEST}"},
                                  {"Name": "envoy", "Image": f"{ECR}/envoy{DIGEST}"}]},
        {"ContainerDefinitions": [{"Name": "orders", "Image": f"{ECR}/orders{DIGEST}"},
                                  {"Name": "cache", "Image": "redis:7"}]}),
}


def logical(rtype, suffix):
    return "".join(rtype.split("::")[1:]) + suffix


def yaml_value(value, indent):
    pad = " " * indent
    if isinstance(value, bool):
        return " " + ("true" if value else "false")
    if isinstance(value, (int, str)):
        return " " + (json.dumps(value) if isinstance(value, str) and ":" in value else str(value))
    if isinstance(value, dict):
        if not value:
            return " {}"
        return "".join(f"\n{pad}{k}:{yaml_value(v, indent + 2)}" for k, v in value.items())
    if isinstance(value, list):
        return "".join(f"\n{pad}-{yaml_value(v, indent + 2).replace(chr(10) + pad + '  ', chr(10) + pad + '  ', 1)}"
                       if not isinstance(v, dict) else
                       f"\n{pad}- " + yaml_value(v, indent + 2).lstrip("\n").lstrip()
                       for v in value)
    raise TypeError(value)


def main():
    out = sys.argv[1]
    lines = ["AWSTemplateFormatVersion: \"2010-09-09\"",
             "Description: etguard test fixture (make-templates.py)", "Resources:"]
    for rtype, (good, bad) in TYPES.items():
        for suffix, properties in (("Good", good), ("Bad", bad)):
            lines.append(f"  {logical(rtype, suffix)}:")
            lines.append(f"    Type: {rtype}")
            lines.append("    Properties:" + yaml_value(properties, 6))
    lines += ["  PendingVolume:", "    Type: AWS::EC2::Volume", "    Properties:",
              "      Encrypted: true", "      KmsKeyId: !Ref VolumeKey",
              "  ConditionalBucket:", "    Type: AWS::S3::Bucket", "    Properties:",
              "      BucketEncryption:",
              "        Fn::If: [Production, {ServerSideEncryptionConfiguration: "
              "[{ServerSideEncryptionByDefault: {SSEAlgorithm: aws:kms}}]}, !Ref AWS::NoValue]",
              "  WebSecurityGroup:", "    Type: AWS::EC2::SecurityGroup", "    Properties:",
              "      GroupDescription: web"]
    with open(os.path.join(out, "cfn-template.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")
    small = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {
        logical(t, s): {"Type": t, "Properties": p}
        for t in ("AWS::RDS::DBInstance", "AWS::KMS::Key")
        for s, p in (("Good", TYPES[t][0]), ("Bad", TYPES[t][1]))}}
    small["Resources"]["KeyOfParameter"] = {"Type": "AWS::KMS::Key",
                                            "Properties": {"EnableKeyRotation": {"Ref": "Rotate"}}}
    with open(os.path.join(out, "cfn-template.json"), "w") as f:
        json.dump(small, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
