// CDK source: legal settings AWS guidance warns about (LMI014). Imports use
// the aws-cdk-lib root with aliases.
import { join } from 'path';
import { Stack, StackProps, aws_ec2 as ec2, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export class RisksStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 3 });
    const sg = new ec2.SecurityGroup(this, 'Sg', { vpc });
    const code = lambda.Code.fromAsset(join(__dirname, '..', 'src'));

    const capacity = new lambda.CapacityProvider(this, 'Capacity', {
      subnets: vpc.privateSubnets,
      securityGroups: [sg],
      architectures: [lambda.Architecture.ARM_64], // ok: Graviton
      instanceTypeFilter: lambda.InstanceTypeFilter.allow([ // ok: three instance types
        ec2.InstanceType.of(ec2.InstanceClass.C7G, ec2.InstanceSize.XLARGE),
        ec2.InstanceType.of(ec2.InstanceClass.M7G, ec2.InstanceSize.XLARGE2),
        new ec2.InstanceType('r7g.xlarge'),
      ]),
      maxVCpuCount: 400, // ok: a ceiling is written
      scalingOptions: lambda.ScalingOptions.manual([lambda.TargetTrackingScalingPolicy.cpuUtilization(70)]), // ok: Manual
    });

    new lambda.CapacityProvider(this, 'OneType', {
      subnets: vpc.privateSubnets,
      securityGroups: [sg],
      architectures: [lambda.Architecture.ARM_64],
      instanceTypeFilter: lambda.InstanceTypeFilter.allow([new ec2.InstanceType('c7g.4xlarge')]), // want "LMI014" (one type: availability)
      maxVCpuCount: 64,
    });

    new lambda.CapacityProvider(this, 'Uncapped', { // want "LMI014" (no maxVCpuCount)
      subnets: vpc.privateSubnets,
      securityGroups: [sg],
      architectures: [lambda.Architecture.ARM_64],
    });

    new lambda.CapacityProvider(this, 'Intel', {
      subnets: vpc.privateSubnets,
      securityGroups: [sg],
      architectures: [lambda.Architecture.X86_64], // want "LMI014" (x86_64: Graviton costs less)
      maxVCpuCount: 64,
    });

    new lambda.CapacityProvider(this, 'Defaults', { // want "LMI014" "LMI014" (no architectures is x86_64; no maxVCpuCount)
      subnets: vpc.privateSubnets,
      securityGroups: [sg],
    });

    new lambda.CapacityProvider(this, 'NativeDeps', {
      subnets: vpc.privateSubnets,
      securityGroups: [sg],
      // lmicheck:ignore LMI014 -- sharp ships x86-only binaries in this build
      architectures: [lambda.Architecture.X86_64], // ok: suppressed with a reason on the line above
      maxVCpuCount: 64,
    });

    // ---- publishing ------------------------------------------------------------------

    const noPublish = new lambda.Function(this, 'NoPublish', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 2048,
    });
    capacity.addFunction(noPublish, {
      publishToLatestPublished: false, // want "LMI014" (publishing switched off: warning)
    });

    const defaultPublish = new lambda.Function(this, 'DefaultPublish', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 2048,
    });
    capacity.addFunction(defaultPublish, { perExecutionEnvironmentMaxConcurrency: 32 }); // ok: addFunction publishes by default

    const explicitPublish = new lambda.Function(this, 'ExplicitPublish', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 2048,
    });
    capacity.addFunction(explicitPublish, {
      publishToLatestPublished: true, // ok: publishes $LATEST.PUBLISHED
    });

    const bare = new lambda.Function(this, 'Bare', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 2048,
    });
    capacity.addFunction(bare); // ok: no options, still published by default

    // ---- execution environments -----------------------------------------------------

    const single = new lambda.Function(this, 'Single', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 2048,
    });
    capacity.addFunction(single, {
      latestPublishedScalingConfig: {
        minExecutionEnvironments: 1, // want "LMI014" (below 3: one zone)
        maxExecutionEnvironments: 4,
      },
    });

    const three = new lambda.Function(this, 'Three', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 2048,
    });
    capacity.addFunction(three, {
      latestPublishedScalingConfig: { minExecutionEnvironments: 3 }, // ok: three environments, max not needed
    });
  }
}
