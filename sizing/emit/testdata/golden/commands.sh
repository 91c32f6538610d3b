#!/bin/sh
# Lambda Managed Instances configuration written by lmicheck size.
# REPLACE the values below before running: lmicheck cannot know them.
# Upload each function's code to the bucket as <function-name>.zip first.
set -eu
export AWS_PAGER=""

SUBNET_IDS=subnet-REPLACE_ME_1,subnet-REPLACE_ME_2 # REPLACE: 1 to 16 subnets, comma-separated (private, with a NAT gateway or VPC endpoints)
SECURITY_GROUP_IDS=sg-REPLACE_ME # REPLACE: security groups, comma-separated
OPERATOR_ROLE_ARN=arn:aws:iam::123456789012:role/REPLACE_ME # REPLACE: role with the AWSLambdaManagedEC2ResourceOperator policy
EXECUTION_ROLE_ARN=arn:aws:iam::123456789012:role/REPLACE_ME # REPLACE: the functions' execution role
CODE_S3_BUCKET=REPLACE_ME-code-bucket # REPLACE: bucket holding <function-name>.zip

# wait_active NAME: poll until the capacity provider is Active (fail if Failed).
wait_active() {
  while :; do
    state=$(aws lambda get-capacity-provider --capacity-provider-name "$1" --query CapacityProvider.State --output text)
    case "$state" in
      Active) return 0 ;;
      Failed) echo "capacity provider $1 is $state" >&2; return 1 ;;
    esac
    sleep 10
  done
}

# Capacity provider orders-capacity.
ORDERS_CAPACITY_ARN=$(aws lambda create-capacity-provider \
  --capacity-provider-name orders-capacity \
  --capacity-provider-scaling-config 'MaxVCpuCount=64,ScalingMode=Auto' \
  --instance-requirements 'AllowedInstanceTypes=[c7g.xlarge,m7g.xlarge],Architectures=[arm64]' \
  --permissions-config "CapacityProviderOperatorRoleArn=${OPERATOR_ROLE_ARN}" \
  --vpc-config "SecurityGroupIds=[${SECURITY_GROUP_IDS}],SubnetIds=[${SUBNET_IDS}]" \
  --query CapacityProvider.CapacityProviderArn --output text)
wait_active orders-capacity

# Capacity provider reports-capacity.
REPORTS_CAPACITY_ARN=$(aws lambda create-capacity-provider \
  --capacity-provider-name reports-capacity \
  --capacity-provider-scaling-config 'MaxVCpuCount=32,ScalingMode=Manual,ScalingPolicies=[{PredefinedMetricType=LambdaCapacityProviderAverageCPUUtilization,TargetValue=70}]' \
  --instance-requirements 'AllowedInstanceTypes=[r7i.2xlarge],Architectures=[x86_64]' \
  --permissions-config "CapacityProviderOperatorRoleArn=${OPERATOR_ROLE_ARN}" \
  --vpc-config "SecurityGroupIds=[${SECURITY_GROUP_IDS}],SubnetIds=[${SUBNET_IDS}]" \
  --query CapacityProvider.CapacityProviderArn --output text)
wait_active reports-capacity

# Function orders-api on capacity provider orders-capacity.
aws lambda create-function \
  --function-name orders-api \
  --architectures arm64 \
  --capacity-provider-config "LambdaManagedInstancesCapacityProviderConfig={CapacityProviderArn=${ORDERS_CAPACITY_ARN},ExecutionEnvironmentMemoryGiBPerVCpu=2,PerExecutionEnvironmentMaxConcurrency=128}" \
  --code "S3Bucket=${CODE_S3_BUCKET},S3Key=orders-api.zip" \
  --handler index.handler \
  --memory-size 4096 \
  --role "${EXECUTION_ROLE_ARN}" \
  --runtime nodejs22.x
aws lambda wait function-active-v2 --function-name orders-api
aws lambda publish-version \
  --function-name orders-api \
  --publish-to LATEST_PUBLISHED
aws lambda put-function-scaling-config \
  --function-name orders-api \
  --function-scaling-config 'MinExecutionEnvironments=3,MaxExecutionEnvironments=20' \
  --qualifier '$LATEST.PUBLISHED'

# Function orders-worker on capacity provider orders-capacity.
aws lambda create-function \
  --function-name orders-worker \
  --architectures arm64 \
  --capacity-provider-config "LambdaManagedInstancesCapacityProviderConfig={CapacityProviderArn=${ORDERS_CAPACITY_ARN},ExecutionEnvironmentMemoryGiBPerVCpu=4,PerExecutionEnvironmentMaxConcurrency=32}" \
  --code "S3Bucket=${CODE_S3_BUCKET},S3Key=orders-worker.zip" \
  --handler app.handler \
  --memory-size 8192 \
  --role "${EXECUTION_ROLE_ARN}" \
  --runtime python3.13
aws lambda wait function-active-v2 --function-name orders-worker
aws lambda publish-version \
  --function-name orders-worker \
  --publish-to LATEST_PUBLISHED
aws lambda put-function-scaling-config \
  --function-name orders-worker \
  --function-scaling-config 'MinExecutionEnvironments=3' \
  --qualifier '$LATEST.PUBLISHED'

# Function reports on capacity provider reports-capacity.
aws lambda create-function \
  --function-name reports \
  --architectures x86_64 \
  --capacity-provider-config "LambdaManagedInstancesCapacityProviderConfig={CapacityProviderArn=${REPORTS_CAPACITY_ARN},ExecutionEnvironmentMemoryGiBPerVCpu=8,PerExecutionEnvironmentMaxConcurrency=64}" \
  --code "S3Bucket=${CODE_S3_BUCKET},S3Key=reports.zip" \
  --handler index.handler \
  --memory-size 16384 \
  --role "${EXECUTION_ROLE_ARN}" \
  --runtime java21
aws lambda wait function-active-v2 --function-name reports
aws lambda publish-version \
  --function-name reports \
  --publish-to LATEST_PUBLISHED
aws lambda put-function-scaling-config \
  --function-name reports \
  --function-scaling-config 'MinExecutionEnvironments=1,MaxExecutionEnvironments=5' \
  --qualifier '$LATEST.PUBLISHED'
