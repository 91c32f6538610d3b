// Lambda Managed Instances configuration written by lmicheck size.
// REPLACE: the VPC, security group and each function's code are placeholders;
// merge this into your stack. Needs aws-cdk-lib >= 2.231.0.
import * as path from 'path';
import { Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export class LmiStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // REPLACE: your VPC (private subnets with a NAT gateway or VPC endpoints) and security group.
    const vpc = ec2.Vpc.fromLookup(this, 'Vpc', { vpcId: 'vpc-REPLACE_ME' });
    const securityGroup = ec2.SecurityGroup.fromSecurityGroupId(this, 'CapacitySecurityGroup', 'sg-REPLACE_ME');

    const ordersCapacity = new lambda.CapacityProvider(this, 'OrdersCapacity', {
      capacityProviderName: 'orders-capacity',
      subnets: vpc.privateSubnets, // REPLACE if the instances belong in other subnets
      securityGroups: [securityGroup],
      architectures: [lambda.Architecture.ARM_64],
      instanceTypeFilter: lambda.InstanceTypeFilter.allow([
        new ec2.InstanceType('c7g.xlarge'),
        new ec2.InstanceType('m7g.xlarge'),
      ]),
      maxVCpuCount: 64,
      scalingOptions: lambda.ScalingOptions.auto(),
    });

    const reportsCapacity = new lambda.CapacityProvider(this, 'ReportsCapacity', {
      capacityProviderName: 'reports-capacity',
      subnets: vpc.privateSubnets, // REPLACE if the instances belong in other subnets
      securityGroups: [securityGroup],
      architectures: [lambda.Architecture.X86_64],
      instanceTypeFilter: lambda.InstanceTypeFilter.allow([
        new ec2.InstanceType('r7i.2xlarge'),
      ]),
      maxVCpuCount: 32,
      scalingOptions: lambda.ScalingOptions.manual([
        lambda.TargetTrackingScalingPolicy.cpuUtilization(70),
      ]),
    });

    const ordersApi = new lambda.Function(this, 'OrdersApi', {
      functionName: 'orders-api',
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, 'REPLACE_ME')), // REPLACE: the function's code
      architecture: lambda.Architecture.ARM_64,
      memorySize: 4096,
    });
    ordersCapacity.addFunction(ordersApi, {
      perExecutionEnvironmentMaxConcurrency: 128,
      executionEnvironmentMemoryGiBPerVCpu: 2,
      publishToLatestPublished: true,
      latestPublishedScalingConfig: {
        minExecutionEnvironments: 3,
        maxExecutionEnvironments: 20,
      },
    });

    const ordersWorker = new lambda.Function(this, 'OrdersWorker', {
      functionName: 'orders-worker',
      runtime: lambda.Runtime.PYTHON_3_13,
      handler: 'app.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, 'REPLACE_ME')), // REPLACE: the function's code
      architecture: lambda.Architecture.ARM_64,
      memorySize: 8192,
    });
    ordersCapacity.addFunction(ordersWorker, {
      perExecutionEnvironmentMaxConcurrency: 32,
      executionEnvironmentMemoryGiBPerVCpu: 4,
      publishToLatestPublished: true,
      latestPublishedScalingConfig: {
        minExecutionEnvironments: 3,
      },
    });

    const reports = new lambda.Function(this, 'Reports', {
      functionName: 'reports',
      runtime: lambda.Runtime.JAVA_21,
      handler: 'index.handler', // REPLACE: the handler
      code: lambda.Code.fromAsset(path.join(__dirname, 'REPLACE_ME')), // REPLACE: the function's code
      architecture: lambda.Architecture.X86_64,
      memorySize: 16384,
    });
    reportsCapacity.addFunction(reports, {
      perExecutionEnvironmentMaxConcurrency: 64,
      executionEnvironmentMemoryGiBPerVCpu: 8,
      publishToLatestPublished: true,
      latestPublishedScalingConfig: {
        minExecutionEnvironments: 1,
        maxExecutionEnvironments: 5,
      },
    });
  }
}
