# Lambda Managed Instances configuration written by lmicheck size.
# REPLACE: set the variables (terraform.tfvars) and upload each function's code to
# var.code_s3_bucket as <function_name>.zip. Needs hashicorp/aws >= 6.24.0.

variable "subnet_ids" {
  type        = list(string)
  description = "REPLACE: 1 to 16 subnet IDs the capacity providers launch instances in (private subnets with a NAT gateway or VPC endpoints)."
}

variable "security_group_ids" {
  type        = list(string)
  description = "REPLACE: security group IDs for the capacity providers' instances."
}

variable "capacity_provider_operator_role_arn" {
  type        = string
  description = "REPLACE: ARN of the role Lambda uses to manage the instances (with the AWSLambdaManagedEC2ResourceOperator managed policy)."
}

variable "execution_role_arn" {
  type        = string
  description = "REPLACE: ARN of the functions' execution role."
}

variable "code_s3_bucket" {
  type        = string
  description = "REPLACE: S3 bucket holding each function's code as <function_name>.zip."
}

resource "aws_lambda_capacity_provider" "orders_capacity" {
  name = "orders-capacity"
  capacity_provider_scaling_config {
    max_vcpu_count = 64
    scaling_mode   = "Auto"
  }
  instance_requirements {
    allowed_instance_types = ["c7g.xlarge", "m7g.xlarge"]
    architectures          = ["arm64"]
  }
  permissions_config {
    capacity_provider_operator_role_arn = var.capacity_provider_operator_role_arn
  }
  vpc_config {
    security_group_ids = var.security_group_ids
    subnet_ids         = var.subnet_ids
  }
}

resource "aws_lambda_capacity_provider" "reports_capacity" {
  name = "reports-capacity"
  capacity_provider_scaling_config {
    max_vcpu_count = 32
    scaling_mode   = "Manual"
    scaling_policies = [{
      predefined_metric_type = "LambdaCapacityProviderAverageCPUUtilization"
      target_value           = 70
    }]
  }
  instance_requirements {
    allowed_instance_types = ["r7i.2xlarge"]
    architectures          = ["x86_64"]
  }
  permissions_config {
    capacity_provider_operator_role_arn = var.capacity_provider_operator_role_arn
  }
  vpc_config {
    security_group_ids = var.security_group_ids
    subnet_ids         = var.subnet_ids
  }
}

resource "aws_lambda_function" "orders_api" {
  function_name = "orders-api"
  runtime       = "nodejs22.x"
  handler       = "index.handler"
  memory_size   = 4096
  architectures = ["arm64"]
  role          = var.execution_role_arn
  s3_bucket     = var.code_s3_bucket
  s3_key        = "orders-api.zip"
  publish       = true
  publish_to    = "LATEST_PUBLISHED"
  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = aws_lambda_capacity_provider.orders_capacity.arn
      execution_environment_memory_gib_per_vcpu = 2
      per_execution_environment_max_concurrency = 128
    }
  }
}

resource "aws_lambda_function_scaling_config" "orders_api" {
  function_name = aws_lambda_function.orders_api.function_name
  qualifier     = "$LATEST.PUBLISHED"
  function_scaling_config {
    min_execution_environments = 3
    max_execution_environments = 20
  }
}

resource "aws_lambda_function" "orders_worker" {
  function_name = "orders-worker"
  runtime       = "python3.13"
  handler       = "app.handler"
  memory_size   = 8192
  architectures = ["arm64"]
  role          = var.execution_role_arn
  s3_bucket     = var.code_s3_bucket
  s3_key        = "orders-worker.zip"
  publish       = true
  publish_to    = "LATEST_PUBLISHED"
  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = aws_lambda_capacity_provider.orders_capacity.arn
      execution_environment_memory_gib_per_vcpu = 4
      per_execution_environment_max_concurrency = 32
    }
  }
}

resource "aws_lambda_function_scaling_config" "orders_worker" {
  function_name = aws_lambda_function.orders_worker.function_name
  qualifier     = "$LATEST.PUBLISHED"
  function_scaling_config {
    min_execution_environments = 3
  }
}

resource "aws_lambda_function" "reports" {
  function_name = "reports"
  runtime       = "java21"
  handler       = "index.handler"
  memory_size   = 16384
  architectures = ["x86_64"]
  role          = var.execution_role_arn
  s3_bucket     = var.code_s3_bucket
  s3_key        = "reports.zip"
  publish       = true
  publish_to    = "LATEST_PUBLISHED"
  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = aws_lambda_capacity_provider.reports_capacity.arn
      execution_environment_memory_gib_per_vcpu = 8
      per_execution_environment_max_concurrency = 64
    }
  }
}

resource "aws_lambda_function_scaling_config" "reports" {
  function_name = aws_lambda_function.reports.function_name
  qualifier     = "$LATEST.PUBLISHED"
  function_scaling_config {
    min_execution_environments = 1
    max_execution_environments = 5
  }
}
