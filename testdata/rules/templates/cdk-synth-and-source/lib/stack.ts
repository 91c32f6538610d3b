// CDK source and its synthesized template (cdk.out/Stack.template.json) in one
// scan: constructs declared here are reported here, where they are edited, and
// not a second time in the template.
import * as path from 'path';
import { Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export class AppStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const sg = new ec2.SecurityGroup(this, 'Sg', { vpc });
    const code = lambda.Code.fromAsset(path.join(__dirname, '../src'));

    const capacity = new lambda.CapacityProvider(this, 'Capacity', {
      subnets: vpc.privateSubnets,
      securityGroups: [sg],
      architectures: [lambda.Architecture.ARM_64],
      maxVCpuCount: 11, // want "LMI012" (the CDK construct's minimum is 12)
    });

    const api = new lambda.Function(this, 'Api', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 2048,
    });
    capacity.addFunction(api, {
      perExecutionEnvironmentMaxConcurrency: 64, // ok: exactly the limit for 1 vCPU
    });

    const busy = new lambda.Function(this, 'Busy', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 2048,
    });
    capacity.addFunction(busy, {
      perExecutionEnvironmentMaxConcurrency: 65, // want "LMI012" (reported here, not in cdk.out)
    });

    const legacy = new lambda.Function(this, 'Legacy', {
      runtime: lambda.Runtime.NODEJS_20_X, // want "LMI011" (reported here, not in cdk.out)
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 2048,
    });
    capacity.addFunction(legacy, {
      publishToLatestPublished: false, // want "LMI014" (reported here, not in cdk.out)
    });
  }
}
