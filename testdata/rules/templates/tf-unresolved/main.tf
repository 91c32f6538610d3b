# Terraform: values lmicheck cannot evaluate (variables, locals, conditionals,
# function calls, other resources' attributes) are never reported, even when
# the value they would take is illegal. Literal spellings it does read are at
# the end.

variable "role_arn" {
  type = string
}

variable "memory" {
  type    = number
  default = 1024
}

variable "prod" {
  type    = bool
  default = false
}

variable "concurrency" {
  type    = number
  default = 500
}

variable "archs" {
  type    = list(string)
  default = ["x86_64"]
}

variable "instance_types" {
  type    = list(string)
  default = ["c7g.xlarge"]
}

variable "subnets" {
  type = list(string)
}

variable "runtime" {
  type    = string
  default = "nodejs20.x"
}

variable "node_major" {
  type    = string
  default = "20"
}

variable "capacity_provider_arn" {
  type = string
}

variable "publish" {
  type    = bool
  default = false
}

locals {
  memory  = 1024
  ratio   = 3
  max_env = 1
}

data "archive_file" "code" {
  type        = "zip"
  source_dir  = "src"
  output_path = "build/code.zip"
}

resource "aws_lambda_capacity_provider" "main" {
  name = "unresolved"

  vpc_config {
    subnet_ids         = var.subnets # ok: a variable list, count unknown
    security_group_ids = ["sg-1"]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.role_arn
  }

  instance_requirements {
    architectures          = var.archs          # ok: architecture not known, no x86_64 note
    allowed_instance_types = var.instance_types # ok: list length not known, no narrow-types note
  }

  capacity_provider_scaling_config {
    max_vcpu_count = var.prod ? 1000 : 1     # ok: a conditional is not evaluated
    scaling_mode   = lookup(var.modes, "x") # ok: a function call is not evaluated
  }
}

resource "aws_lambda_capacity_provider" "arm" {
  name = "arm"

  vpc_config {
    subnet_ids         = module.vpc.private_subnets # ok: another module's output
    security_group_ids = ["sg-1"]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.role_arn
  }

  instance_requirements {
    architectures = ["arm64"]
  }

  capacity_provider_scaling_config {
    max_vcpu_count = try(var.max_vcpus, 1) # ok: a function call is not evaluated
  }
}

resource "aws_lambda_function" "var_memory" {
  function_name = "var-memory"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = var.memory # ok: a variable (its default 1024 is not read)
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = aws_lambda_capacity_provider.arm.arn
      per_execution_environment_max_concurrency = 1000 # ok: memory unknown, so the per-vCPU limit is not checked
    }
  }
}

resource "aws_lambda_function" "local_memory" {
  function_name = "local-memory"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = local.memory # ok: a local is not resolved
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = aws_lambda_capacity_provider.arm.arn
      execution_environment_memory_gib_per_vcpu = local.ratio # ok: a local is not resolved
    }
  }
}

resource "aws_lambda_function" "conditional" {
  function_name = "conditional"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = var.prod ? 4096 : 1024 # ok: a conditional is not evaluated
  publish       = var.publish            # ok: publishing is a variable, no note

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = aws_lambda_capacity_provider.arm.arn
      execution_environment_memory_gib_per_vcpu = var.prod ? 4 : 3    # ok: a conditional is not evaluated
      per_execution_environment_max_concurrency = var.concurrency # ok: a variable
    }
  }
}

resource "aws_lambda_function" "arithmetic" {
  function_name = "arithmetic"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs${var.node_major}.x" # ok: an interpolated runtime is not evaluated
  architectures = ["arm64"]
  memory_size   = 512 * 2 # ok: an expression is not evaluated
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.arm.arn
    }
  }
}

resource "aws_lambda_function" "var_runtime" {
  function_name = "var-runtime"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = var.runtime # ok: a variable (its default nodejs20.x is not read)
  architectures = [var.archs[0]] # ok: architecture unknown, no mismatch
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.arm.arn
    }
  }
}

resource "aws_lambda_function" "var_provider" {
  function_name = "var-provider"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  memory_size   = 2048 # ok: provider not known, so no architecture mismatch
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = var.capacity_provider_arn
    }
  }
}

resource "aws_lambda_function_scaling_config" "var_provider" {
  function_name = aws_lambda_function.var_provider.function_name
  qualifier     = "$LATEST.PUBLISHED"

  function_scaling_config {
    min_execution_environments = 10              # ok: the maximum is not known
    max_execution_environments = local.max_env # ok: a local is not resolved
  }
}

resource "aws_lambda_function" "var_min" {
  function_name = "var-min"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.arm.arn
    }
  }
}

resource "aws_lambda_function_scaling_config" "var_min" {
  function_name = aws_lambda_function.var_min.function_name
  qualifier     = "$LATEST.PUBLISHED"

  function_scaling_config {
    min_execution_environments = var.prod ? 3 : 1 # ok: a conditional minimum is not evaluated
    max_execution_environments = 2
  }
}

# Literal spellings that are read: parentheses and quoted numbers.
resource "aws_lambda_function" "spellings" {
  function_name = "spellings"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = (2048) # ok: a parenthesized literal is read: 2048 is legal
  publish       = "true" # ok: a quoted true still publishes

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = aws_lambda_capacity_provider.arm.arn
      per_execution_environment_max_concurrency = "65" # want "LMI012" (a quoted number is read; (2048) gives 1 vCPU: 64)
    }
  }
}
