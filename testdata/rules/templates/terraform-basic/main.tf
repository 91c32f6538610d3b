terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.24.0"
    }
  }
}

variable "private_subnet_ids" {
  type = list(string)
}

variable "security_group_id" {
  type = string
}

resource "aws_iam_role" "operator" {
  name = "orders-lmi-operator"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "operator" {
  role       = aws_iam_role.operator.name
  policy_arn = "arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator"
}

resource "aws_iam_role" "function" {
  name = "orders-api"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

# Lambda Managed Instances capacity provider: Graviton instances in two subnets.
resource "aws_lambda_capacity_provider" "main" {
  name = "orders"

  vpc_config {
    subnet_ids         = [var.private_subnet_ids[0], var.private_subnet_ids[1]]
    security_group_ids = [var.security_group_id]
  }

  permissions_config {
    capacity_provider_operator_role_arn = aws_iam_role.operator.arn
  }

  instance_requirements {
    architectures          = ["arm64"]
    allowed_instance_types = ["c7g.xlarge", "m7g.xlarge"] # want "LMI014" (two types: availability)
  }

  capacity_provider_scaling_config {
    max_vcpu_count = 64
    scaling_mode   = "Auto"
  }
}

data "archive_file" "api" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/api.zip"
}

resource "aws_lambda_function" "api" {
  function_name    = "orders-api"
  role             = aws_iam_role.function.arn
  filename         = data.archive_file.api.output_path
  source_code_hash = data.archive_file.api.output_base64sha256
  handler          = "index.handler"
  runtime          = "nodejs22.x"
  architectures    = ["arm64"]
  memory_size      = 4096
  timeout          = 30

  ephemeral_storage {
    size = 1024
  }

  publish    = true
  publish_to = "LATEST_PUBLISHED"

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = aws_lambda_capacity_provider.main.arn
      execution_environment_memory_gib_per_vcpu = 2
      per_execution_environment_max_concurrency = 64
    }
  }
}

resource "aws_lambda_function_scaling_config" "api" {
  function_name = aws_lambda_function.api.function_name
  qualifier     = "$LATEST.PUBLISHED"

  function_scaling_config {
    min_execution_environments = 3
    max_execution_environments = 20
  }
}
