# Terraform: runtimes on Lambda Managed Instances (LMI011). Node.js code is
# local (src/); the other functions deploy code from S3, so only the runtime is
# checked. Every function is arm64 on an arm64 provider and published.

variable "role_arn" {
  type = string
}

data "archive_file" "code" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/code.zip"
}

resource "aws_lambda_capacity_provider" "main" {
  name = "runtimes"

  vpc_config {
    subnet_ids         = ["subnet-a", "subnet-b"]
    security_group_ids = ["sg-1"]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.role_arn
  }

  instance_requirements {
    architectures = ["arm64"]
  }

  capacity_provider_scaling_config {
    max_vcpu_count = 64
  }
}

resource "aws_lambda_function" "node20" {
  function_name = "node20"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs20.x" # want "LMI011" (Node.js 22 or later)
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.main.arn
    }
  }
}

resource "aws_lambda_function" "node22" {
  function_name = "node22"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x" # ok: the minimum Node.js runtime
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.main.arn
    }
  }
}

resource "aws_lambda_function" "node24" {
  function_name = "node24"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs24.x" # ok: newer than the minimum
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.main.arn
    }
  }
}

resource "aws_lambda_function" "py312" {
  function_name = "py312"
  role          = var.role_arn
  s3_bucket     = "artifacts"
  s3_key        = "py312.zip"
  handler       = "app.handler"
  runtime       = "python3.12" # want "LMI011" (python3.13 or later)
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.main.arn
    }
  }
}

resource "aws_lambda_function" "py313" {
  function_name = "py313"
  role          = var.role_arn
  s3_bucket     = "artifacts"
  s3_key        = "py313.zip"
  handler       = "app.handler"
  runtime       = "python3.13" # ok: the minimum Python runtime
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.main.arn
    }
  }
}

resource "aws_lambda_function" "py314" {
  function_name = "py314"
  role          = var.role_arn
  s3_bucket     = "artifacts"
  s3_key        = "py314.zip"
  handler       = "app.handler"
  runtime       = "python3.14" # ok: newer than the minimum
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.main.arn
    }
  }
}

resource "aws_lambda_function" "java17" {
  function_name = "java17"
  role          = var.role_arn
  s3_bucket     = "artifacts"
  s3_key        = "java17.zip"
  handler       = "app.handler"
  runtime       = "java17" # want "LMI011" (java21 or later)
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.main.arn
    }
  }
}

resource "aws_lambda_function" "java21" {
  function_name = "java21"
  role          = var.role_arn
  s3_bucket     = "artifacts"
  s3_key        = "java21.zip"
  handler       = "app.handler"
  runtime       = "java21" # ok: the minimum Java runtime
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.main.arn
    }
  }
}

resource "aws_lambda_function" "java25" {
  function_name = "java25"
  role          = var.role_arn
  s3_bucket     = "artifacts"
  s3_key        = "java25.zip"
  handler       = "app.handler"
  runtime       = "java25" # ok: newer than the minimum
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.main.arn
    }
  }
}

resource "aws_lambda_function" "dotnet6" {
  function_name = "dotnet6"
  role          = var.role_arn
  s3_bucket     = "artifacts"
  s3_key        = "dotnet6.zip"
  handler       = "app.handler"
  runtime       = "dotnet6" # want "LMI011" (dotnet8 or later)
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.main.arn
    }
  }
}

resource "aws_lambda_function" "dotnet8" {
  function_name = "dotnet8"
  role          = var.role_arn
  s3_bucket     = "artifacts"
  s3_key        = "dotnet8.zip"
  handler       = "app.handler"
  runtime       = "dotnet8" # ok: the minimum .NET runtime
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.main.arn
    }
  }
}

resource "aws_lambda_function" "al2" {
  function_name = "al2"
  role          = var.role_arn
  s3_bucket     = "artifacts"
  s3_key        = "al2.zip"
  handler       = "app.handler"
  runtime       = "provided.al2" # want "LMI011" (provided.al2023)
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.main.arn
    }
  }
}

resource "aws_lambda_function" "al2023" {
  function_name = "al2023"
  role          = var.role_arn
  s3_bucket     = "artifacts"
  s3_key        = "al2023.zip"
  handler       = "app.handler"
  runtime       = "provided.al2023" # ok: Rust and Go run on provided.al2023
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.main.arn
    }
  }
}

resource "aws_lambda_function" "go1x" {
  function_name = "go1x"
  role          = var.role_arn
  s3_bucket     = "artifacts"
  s3_key        = "go1x.zip"
  handler       = "app.handler"
  runtime       = "go1.x" # want "LMI011" (go1.x is retired; provided.al2023)
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.main.arn
    }
  }
}

resource "aws_lambda_function" "ruby" {
  function_name = "ruby"
  role          = var.role_arn
  s3_bucket     = "artifacts"
  s3_key        = "ruby.zip"
  handler       = "app.handler"
  runtime       = "ruby3.3" # want "LMI011" (Ruby has no LMI runtime)
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.main.arn
    }
  }
}

resource "aws_lambda_function" "legacy_node" {
  function_name = "legacy-node"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs18.x" # ok: not on a capacity provider, Lambda default compute
  memory_size   = 512
}

resource "aws_lambda_function" "legacy_py" {
  function_name = "legacy-py"
  role          = var.role_arn
  s3_bucket     = "artifacts"
  s3_key        = "legacy_py.zip"
  handler       = "app.handler"
  runtime       = "python3.9" # ok: not on a capacity provider
  memory_size   = 512
}

resource "aws_lambda_function" "legacy_ruby" {
  function_name = "legacy-ruby"
  role          = var.role_arn
  s3_bucket     = "artifacts"
  s3_key        = "legacy_ruby.zip"
  handler       = "app.handler"
  runtime       = "ruby3.2" # ok: Ruby on default compute is fine
  memory_size   = 512
}
