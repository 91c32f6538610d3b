data "archive_file" "orders" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/orders.zip"
}

resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = "arn:aws:iam::123456789012:role/fn"
  filename      = data.archive_file.orders.output_path
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  memory_size   = 2048
  architectures = ["arm64"] # want "LMI012" (the provider in providers.tf is x86_64)
  publish       = true
  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = aws_lambda_capacity_provider.main.arn
      per_execution_environment_max_concurrency = 64 # ok: 64 on 1 vCPU is the limit, not over it
    }
  }
}

resource "aws_lambda_function" "plain" {
  function_name = "plain"
  role          = "arn:aws:iam::123456789012:role/fn"
  filename      = data.archive_file.orders.output_path
  handler       = "index.handler"
  runtime       = "nodejs20.x" # ok: not on a capacity provider
}
