# Terraform: legal settings AWS guidance warns about (LMI014): publishing,
# fewer than three execution environments, narrow instance types, no vCPU
# ceiling, x86_64 capacity.

variable "role_arn" {
  type = string
}

data "archive_file" "code" {
  type        = "zip"
  source_file = "${path.module}/src/index.mjs"
  output_path = "${path.module}/build/code.zip"
}

# ---- capacity providers --------------------------------------------------------

resource "aws_lambda_capacity_provider" "graviton" {
  name = "graviton"

  vpc_config {
    subnet_ids         = ["subnet-a", "subnet-b"]
    security_group_ids = ["sg-1"]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.role_arn
  }

  instance_requirements {
    architectures          = ["arm64"]                                    # ok: Graviton
    allowed_instance_types = ["c7g.xlarge", "m7g.xlarge", "r7g.xlarge"] # ok: three types
  }

  capacity_provider_scaling_config {
    max_vcpu_count = 400 # ok: a ceiling is written
  }
}

resource "aws_lambda_capacity_provider" "one_type" {
  name = "one-type"

  vpc_config {
    subnet_ids         = ["subnet-a", "subnet-b"]
    security_group_ids = ["sg-1"]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.role_arn
  }

  instance_requirements {
    architectures          = ["arm64"]
    allowed_instance_types = ["c7g.2xlarge"] # want "LMI014" (one instance type: availability)
  }

  capacity_provider_scaling_config {
    max_vcpu_count = 64
  }
}

resource "aws_lambda_capacity_provider" "excluded" {
  name = "excluded"

  vpc_config {
    subnet_ids         = ["subnet-a", "subnet-b"]
    security_group_ids = ["sg-1"]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.role_arn
  }

  instance_requirements {
    architectures           = ["arm64"]
    excluded_instance_types = ["r7g.*"] # ok: excluding a family leaves many types
  }

  capacity_provider_scaling_config {
    max_vcpu_count = 64
  }
}

resource "aws_lambda_capacity_provider" "no_ceiling" { # want "LMI014" (no max_vcpu_count: the default 400 is the only ceiling)
  name = "no-ceiling"

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
    scaling_mode = "Auto"
  }
}

resource "aws_lambda_capacity_provider" "x86" {
  name = "x86"

  vpc_config {
    subnet_ids         = ["subnet-a", "subnet-b"]
    security_group_ids = ["sg-1"]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.role_arn
  }

  instance_requirements {
    architectures = ["x86_64"] # want "LMI014" (Graviton costs less)
  }

  capacity_provider_scaling_config {
    max_vcpu_count = 64
  }
}

resource "aws_lambda_capacity_provider" "bare" { # want "LMI014" "LMI014" (no max_vcpu_count; no architectures is x86_64)
  name = "bare"

  vpc_config {
    subnet_ids         = ["subnet-a", "subnet-b"]
    security_group_ids = ["sg-1"]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.role_arn
  }
}

resource "aws_lambda_capacity_provider" "native_deps" {
  name = "native-deps"

  vpc_config {
    subnet_ids         = ["subnet-a", "subnet-b"]
    security_group_ids = ["sg-1"]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.role_arn
  }

  instance_requirements {
    # lmicheck:ignore LMI014 -- the image-processing library ships x86-only native code
    architectures = ["x86_64"] # ok: suppressed with a reason on the line above
  }

  capacity_provider_scaling_config {
    max_vcpu_count = 32
  }
}

resource "aws_lambda_capacity_provider" "attribute_syntax" {
  name = "attribute-syntax"

  vpc_config {
    subnet_ids         = ["subnet-a", "subnet-b"]
    security_group_ids = ["sg-1"]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.role_arn
  }

  # The provider's plugin-framework schema takes these as list-of-object
  # attributes; the docs write them as blocks. Both are read.
  instance_requirements = [{
    architectures          = ["x86_64"]     # want "LMI014" (x86_64 in attribute syntax)
    allowed_instance_types = ["m7i.xlarge"] # want "LMI014" (one type in attribute syntax)
  }]

  capacity_provider_scaling_config = [{
    max_vcpu_count = 128 # ok: a ceiling in attribute syntax
  }]
}

# ---- functions: publishing -------------------------------------------------------

resource "aws_lambda_function" "published" {
  function_name = "published"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true # ok: publishes a version

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.graviton.arn
    }
  }
}

resource "aws_lambda_function" "publish_off" {
  function_name = "publish-off"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = false # want "LMI014" (publishing switched off: warning)

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.graviton.arn
    }
  }
}

resource "aws_lambda_function" "publish_absent" {
  function_name = "publish-absent"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 2048

  capacity_provider_config { # want "LMI014" (publish not written: note)
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.graviton.arn
    }
  }
}

resource "aws_lambda_function" "publish_to" {
  function_name = "publish-to"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 2048
  publish_to    = "LATEST_PUBLISHED" # ok: publishes $LATEST.PUBLISHED

  capacity_provider_config { # ok: publish_to counts as publishing
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.graviton.arn
    }
  }
}

resource "aws_lambda_function" "publish_null" {
  function_name = "publish-null"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = null # ok: null is "not set" in Terraform, reported where the block opens

  capacity_provider_config { # want "LMI014" (publish = null is not written: note)
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.graviton.arn
    }
  }
}

resource "aws_lambda_function" "not_on_lmi" {
  function_name = "not-on-lmi"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  memory_size   = 512
  publish       = false # ok: default compute runs $LATEST
}

# ---- functions: execution environments ------------------------------------------

resource "aws_lambda_function" "one_env" {
  function_name = "one-env"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.graviton.arn
    }
  }
}

resource "aws_lambda_function_scaling_config" "one_env" {
  function_name = aws_lambda_function.one_env.function_name
  qualifier     = "$LATEST.PUBLISHED"

  function_scaling_config {
    min_execution_environments = 1 # want "LMI014" (below 3: one zone)
    max_execution_environments = 10
  }
}

resource "aws_lambda_function" "three_envs" {
  function_name = "three-envs"
  role          = var.role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.graviton.arn
    }
  }
}

resource "aws_lambda_function_scaling_config" "three_envs" {
  function_name = aws_lambda_function.three_envs.function_name
  qualifier     = "$LATEST.PUBLISHED"

  function_scaling_config {
    min_execution_environments = 3 # ok: three environments keep multi-AZ coverage
    max_execution_environments = 10
  }
}
