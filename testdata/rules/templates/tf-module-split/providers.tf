# A Terraform module split over several files: the capacity provider here,
# the function in functions.tf, its scaling in scaling.tf.
resource "aws_lambda_capacity_provider" "main" {
  name = "orders"
  vpc_config {
    subnet_ids         = ["subnet-a", "subnet-b"]
    security_group_ids = ["sg-1"]
  }
  permissions_config {
    capacity_provider_operator_role_arn = "arn:aws:iam::123456789012:role/operator"
  }
  instance_requirements {
    architectures = ["x86_64"] # want "LMI014"
  }
  capacity_provider_scaling_config {
    max_vcpu_count = 64
  }
}
