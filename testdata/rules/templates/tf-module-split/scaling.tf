resource "aws_lambda_function_scaling_config" "orders" {
  function_name = aws_lambda_function.orders.function_name
  qualifier     = "$LATEST.PUBLISHED"
  function_scaling_config {
    min_execution_environments = 10 # want "LMI012" (above the maximum)
    max_execution_environments = 5
  }
}

resource "aws_lambda_function_scaling_config" "plain" {
  function_name = aws_lambda_function.plain.function_name # ok: a function not on LMI has no LMI scaling to check
  qualifier     = "$LATEST"
  function_scaling_config {
    min_execution_environments = 9
    max_execution_environments = 1
  }
}
