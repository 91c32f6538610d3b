// CDK source in CommonJS: require() of the lambda submodule.
const { Stack } = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const lambda = require('aws-cdk-lib/aws-lambda');
const path = require('path');

class LegacyStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'LegacyVpc');

    this.capacity = new lambda.CapacityProvider(this, 'LegacyCapacity', {
      subnets: vpc.privateSubnets,
      securityGroups: [new ec2.SecurityGroup(this, 'LegacySg', { vpc })],
      architectures: [lambda.Architecture.ARM_64],
      instanceTypeFilter: lambda.InstanceTypeFilter.allow([ // want "LMI014" (two types: availability)
        new ec2.InstanceType('m7g.large'),
        new ec2.InstanceType('m7g.xlarge'),
      ]),
      maxVCpuCount: 24,
    });

    this.worker = new lambda.Function(this, 'LegacyWorker', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.resolve(__dirname, '../src')),
      architecture: lambda.Architecture.ARM_64,
      memorySize: 4096,
    });
    this.capacity.addFunction(this.worker, {
      publishToLatestPublished: false, // want "LMI014" (this.member receivers are matched)
    });
  }
}

module.exports = { LegacyStack };
