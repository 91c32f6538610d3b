import * as path from 'path';
import { Duration, Size, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export class OrdersStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const securityGroup = new ec2.SecurityGroup(this, 'CapacitySg', { vpc });

    // Lambda Managed Instances: Graviton capacity in the VPC's private subnets.
    const capacityProvider = new lambda.CapacityProvider(this, 'OrdersCapacity', {
      subnets: vpc.privateSubnets,
      securityGroups: [securityGroup],
      architectures: [lambda.Architecture.ARM_64],
      instanceTypeFilter: lambda.InstanceTypeFilter.allow([ // want "LMI014" (two types: availability)
        ec2.InstanceType.of(ec2.InstanceClass.C7G, ec2.InstanceSize.XLARGE),
        new ec2.InstanceType('m7g.xlarge'),
      ]),
      maxVCpuCount: 64,
    });

    const api = new lambda.Function(this, 'OrdersApi', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '../src')),
      architecture: lambda.Architecture.ARM_64,
      memorySize: 4096,
      ephemeralStorageSize: Size.mebibytes(1024),
      timeout: Duration.seconds(30),
    });

    capacityProvider.addFunction(api, {
      perExecutionEnvironmentMaxConcurrency: 64,
      executionEnvironmentMemoryGiBPerVCpu: 2,
      publishToLatestPublished: true,
      latestPublishedScalingConfig: {
        minExecutionEnvironments: 3,
        maxExecutionEnvironments: 20,
      },
    });
  }
}
