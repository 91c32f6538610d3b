# Terraform: Lambda Managed Instances limits (LMI012). Every function is
# published and every capacity provider is arm64 with a MaxVCpuCount unless the
# case says otherwise, so only the limit under test is reported.

variable "security_group_id" {
  type = string
}

variable "operator_role_arn" {
  type = string
}

data "archive_file" "code" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/code.zip"
}

# ---- capacity providers ------------------------------------------------------

resource "aws_lambda_capacity_provider" "arm" {
  name = "arm"

  vpc_config {
    subnet_ids         = ["subnet-a", "subnet-b", "subnet-c"] # ok: three subnets (1 to 16)
    security_group_ids = [var.security_group_id]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.operator_role_arn
  }

  instance_requirements {
    architectures           = ["arm64"]
    excluded_instance_types = ["c6g.*", "m6g.metal"] # ok: wildcards are allowed in the excluded list
  }

  capacity_provider_scaling_config {
    max_vcpu_count = 2      # ok: the API minimum is 2 (12 is only the CDK construct's check)
    scaling_mode   = "Auto" # ok: Auto is a scaling mode
  }
}

resource "aws_lambda_capacity_provider" "x86" {
  name = "x86"

  vpc_config {
    subnet_ids         = ["subnet-a"] # ok: one subnet is enough
    security_group_ids = [var.security_group_id]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.operator_role_arn
  }

  instance_requirements {
    architectures = ["x86_64"] # want "LMI014" (x86_64: Graviton costs less)
  }

  capacity_provider_scaling_config {
    max_vcpu_count = 15000    # ok: the maximum
    scaling_mode   = "Manual" # ok: Manual is a scaling mode
  }
}

resource "aws_lambda_capacity_provider" "tiny" {
  name = "tiny"

  vpc_config {
    subnet_ids         = ["subnet-a", "subnet-b"]
    security_group_ids = [var.security_group_id]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.operator_role_arn
  }

  instance_requirements {
    architectures = ["arm64"]
  }

  capacity_provider_scaling_config {
    max_vcpu_count = 1 # want "LMI012" (below the API minimum of 2)
  }
}

resource "aws_lambda_capacity_provider" "huge" {
  name = "huge"

  vpc_config {
    subnet_ids         = ["subnet-a", "subnet-b"]
    security_group_ids = [var.security_group_id]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.operator_role_arn
  }

  instance_requirements {
    architectures = ["arm64"]
  }

  capacity_provider_scaling_config {
    max_vcpu_count = 20000  # want "LMI012" (above 15000)
    scaling_mode   = "auto" # want "LMI012" (ScalingMode is case-sensitive: Auto)
  }
}

resource "aws_lambda_capacity_provider" "both_lists" {
  name = "both-lists"

  vpc_config {
    subnet_ids         = ["subnet-a", "subnet-b"]
    security_group_ids = [var.security_group_id]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.operator_role_arn
  }

  instance_requirements {
    architectures           = ["arm64"]
    allowed_instance_types  = ["c7g.xlarge", "m7g.xlarge", "r7g.xlarge"] # ok: three types are no availability risk
    excluded_instance_types = ["c7g.large"]                              # want "LMI012" (allowed and excluded together)
  }

  capacity_provider_scaling_config {
    max_vcpu_count = 64
  }
}

resource "aws_lambda_capacity_provider" "bad_names" {
  name = "bad-names"

  vpc_config {
    subnet_ids         = ["subnet-a", "subnet-b"]
    security_group_ids = [var.security_group_id]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.operator_role_arn
  }

  instance_requirements {
    architectures          = ["arm64"]
    allowed_instance_types = ["c7g.xlarge", "m7g", "r7g.xlarge"] # want "LMI012" (m7g names no size)
  }

  capacity_provider_scaling_config {
    max_vcpu_count = 64
  }
}

resource "aws_lambda_capacity_provider" "two_archs" {
  name = "two-archs"

  vpc_config {
    subnet_ids         = ["subnet-a", "subnet-b"]
    security_group_ids = [var.security_group_id]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.operator_role_arn
  }

  instance_requirements {
    architectures = ["arm64", "x86_64"] # want "LMI012" (exactly one architecture)
  }

  capacity_provider_scaling_config {
    max_vcpu_count = 64
  }
}

resource "aws_lambda_capacity_provider" "no_vpc" { # want "LMI012" (no vpc_config: instances run in your VPC)
  name = "no-vpc"

  permissions_config {
    capacity_provider_operator_role_arn = var.operator_role_arn
  }

  instance_requirements {
    architectures = ["arm64"]
  }

  capacity_provider_scaling_config {
    max_vcpu_count = 64
  }
}

resource "aws_lambda_capacity_provider" "no_subnets" {
  name = "no-subnets"

  vpc_config {
    subnet_ids         = [] # want "LMI012" (at least one subnet)
    security_group_ids = [var.security_group_id]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.operator_role_arn
  }

  instance_requirements {
    architectures = ["arm64"]
  }

  capacity_provider_scaling_config {
    max_vcpu_count = 64
  }
}

resource "aws_lambda_capacity_provider" "many_subnets" {
  name = "many-subnets"

  vpc_config {
    subnet_ids = [ # want "LMI012" (17 subnets; at most 16)
      "subnet-01", "subnet-02", "subnet-03", "subnet-04", "subnet-05", "subnet-06",
      "subnet-07", "subnet-08", "subnet-09", "subnet-10", "subnet-11", "subnet-12",
      "subnet-13", "subnet-14", "subnet-15", "subnet-16", "subnet-17",
    ]
    security_group_ids = [var.security_group_id]
  }

  permissions_config {
    capacity_provider_operator_role_arn = var.operator_role_arn
  }

  instance_requirements {
    architectures = ["arm64"]
  }

  capacity_provider_scaling_config {
    max_vcpu_count = 64
  }
}

# ---- functions: memory ---------------------------------------------------------

resource "aws_lambda_function" "mem_low" {
  function_name = "mem-low"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 1024 # want "LMI012" (below 2048 MB)
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.arm.arn
    }
  }
}

resource "aws_lambda_function" "mem_min" {
  function_name = "mem-min"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 2048 # ok: the minimum
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.arm.arn
    }
  }
}

resource "aws_lambda_function" "mem_max" {
  function_name = "mem-max"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 32768 # ok: the maximum
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.arm.arn
    }
  }
}

resource "aws_lambda_function" "mem_high" {
  function_name = "mem-high"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 40960 # want "LMI012" (above 32768 MB)
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.arm.arn
    }
  }
}

resource "aws_lambda_function" "no_lmi_small" {
  function_name = "no-lmi-small"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  memory_size   = 128 # ok: not on a capacity provider, Lambda's default compute allows 128 MB
}

# ---- functions: ratio and concurrency --------------------------------------------

resource "aws_lambda_function" "ratio3" {
  function_name = "ratio3"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 6144
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = aws_lambda_capacity_provider.arm.arn
      execution_environment_memory_gib_per_vcpu = 3 # want "LMI012" (ratios are 2, 4 or 8)
    }
  }
}

resource "aws_lambda_function" "ratio8" {
  function_name = "ratio8"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 16384
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = aws_lambda_capacity_provider.arm.arn
      execution_environment_memory_gib_per_vcpu = 8   # ok: a supported ratio
      per_execution_environment_max_concurrency = 128 # ok: 16384 MB at ratio 8 is 2 vCPUs, 128 allowed
    }
  }
}

resource "aws_lambda_function" "conc65" {
  function_name = "conc65"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = aws_lambda_capacity_provider.arm.arn
      execution_environment_memory_gib_per_vcpu = 2
      per_execution_environment_max_concurrency = 65 # want "LMI012" (2048 MB at ratio 2 is 1 vCPU: 64)
    }
  }
}

resource "aws_lambda_function" "conc64" {
  function_name = "conc64"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = aws_lambda_capacity_provider.arm.arn
      execution_environment_memory_gib_per_vcpu = 2
      per_execution_environment_max_concurrency = 64 # ok: exactly the limit for 1 vCPU
    }
  }
}

resource "aws_lambda_function" "conc_default_ratio" {
  function_name = "conc-default-ratio"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = aws_lambda_capacity_provider.arm.arn
      per_execution_environment_max_concurrency = 80 # want "LMI012" (default ratio 2: 1 vCPU)
    }
  }
}

resource "aws_lambda_function" "conc_ratio4" {
  function_name = "conc-ratio4"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 8192
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = aws_lambda_capacity_provider.arm.arn
      execution_environment_memory_gib_per_vcpu = 4
      per_execution_environment_max_concurrency = 129 # want "LMI012" (8192 MB at ratio 4 is 2 vCPUs: 128)
    }
  }
}

resource "aws_lambda_function" "conc_zero" {
  function_name = "conc-zero"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = aws_lambda_capacity_provider.arm.arn
      per_execution_environment_max_concurrency = 0 # want "LMI012" (1 to 1600)
    }
  }
}

resource "aws_lambda_function" "conc_over_cap" {
  function_name = "conc-over-cap"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 32768
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = aws_lambda_capacity_provider.arm.arn
      per_execution_environment_max_concurrency = 1601 # want "LMI012" (above 1600)
    }
  }
}

# ---- functions: scaling config (aws_lambda_function_scaling_config) --------------

resource "aws_lambda_function" "scaled" {
  function_name = "scaled"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 4096
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.arm.arn
    }
  }
}

resource "aws_lambda_function_scaling_config" "scaled" {
  function_name = aws_lambda_function.scaled.function_name
  qualifier     = "$LATEST.PUBLISHED"

  function_scaling_config {
    min_execution_environments = 10 # want "LMI012" (min above max)
    max_execution_environments = 5
  }
}

resource "aws_lambda_function" "scaled_ok" {
  function_name = "scaled-ok"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 4096
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.arm.arn
    }
  }
}

resource "aws_lambda_function_scaling_config" "scaled_ok" {
  function_name = aws_lambda_function.scaled_ok.arn
  qualifier     = "$LATEST.PUBLISHED"

  function_scaling_config {
    min_execution_environments = 5 # ok: min equals max
    max_execution_environments = 5 # ok: within 0 to 15000
  }
}

resource "aws_lambda_function" "paused" {
  function_name = "paused"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 4096
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.arm.arn
    }
  }
}

resource "aws_lambda_function_scaling_config" "paused" {
  function_name = aws_lambda_function.paused.function_name
  qualifier     = "$LATEST.PUBLISHED"

  function_scaling_config {
    min_execution_environments = 0 # ok: 0/0 deactivates the function on purpose
    max_execution_environments = 0
  }
}

resource "aws_lambda_function" "zero_min" {
  function_name = "zero-min"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"]
  memory_size   = 4096
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.arm.arn
    }
  }
}

resource "aws_lambda_function_scaling_config" "zero_min" {
  function_name = aws_lambda_function.zero_min.function_name
  qualifier     = "$LATEST.PUBLISHED"

  function_scaling_config {
    min_execution_environments = 0     # want "LMI012" "LMI014" (0 only with max 0; below 3 environments)
    max_execution_environments = 20000 # want "LMI012" (above 15000)
  }
}

# ---- functions: architecture ---------------------------------------------------

resource "aws_lambda_function" "arm_on_x86" {
  function_name = "arm-on-x86"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["arm64"] # want "LMI012" (function arm64, provider x86_64)
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.x86.arn
    }
  }
}

resource "aws_lambda_function" "default_on_x86" {
  function_name = "default-on-x86"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  memory_size   = 2048 # ok: no architectures means x86_64, as the provider
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.x86.arn
    }
  }
}

resource "aws_lambda_function" "default_on_arm" {
  function_name = "default-on-arm"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  memory_size   = 2048
  publish       = true

  capacity_provider_config { # want "LMI012" (no architectures is x86_64; the provider is arm64)
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.arm.arn
    }
  }
}

resource "aws_lambda_function" "on_two_archs" {
  function_name = "on-two-archs"
  role          = var.operator_role_arn
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  architectures = ["x86_64"] # ok: the provider's own error is reported there, not a mismatch here
  memory_size   = 2048
  publish       = true

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.two_archs.arn
    }
  }
}
