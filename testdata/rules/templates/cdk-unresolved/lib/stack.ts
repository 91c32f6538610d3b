// CDK source: values lmicheck cannot evaluate (props, named constants,
// expressions, helper results) are never reported, even when the value they
// would take is illegal.
import * as path from 'path';
import { Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { CapacityProvider as LocalProvider, FunctionRegistry } from './fake';

const MEMORY = 1024;
const CONCURRENCY = 500;
const RATIO = 3;
const MIN_ENVS = 10;
const ARCHS = [lambda.Architecture.X86_64];

export interface UnresolvedProps extends StackProps {
  memory: number;
  runtime: lambda.Runtime;
  architecture: lambda.Architecture;
  maxVCpus: number;
  publish: boolean;
  subnets: ec2.ISubnet[];
  instanceTypes: ec2.InstanceType[];
  typeName: string;
  scaling: lambda.LatestPublishedScalingConfig;
}

export class UnresolvedStack extends Stack {
  constructor(scope: Construct, id: string, props: UnresolvedProps) {
    super(scope, id, props);

    const vpc = new ec2.Vpc(this, 'Vpc');
    const sg = new ec2.SecurityGroup(this, 'Sg', { vpc });
    const code = lambda.Code.fromAsset(path.join(__dirname, '../src'));

    const capacity = new lambda.CapacityProvider(this, 'Capacity', {
      subnets: props.subnets, // ok: subnets from props
      securityGroups: [sg],
      architectures: [props.architecture], // ok: architecture unknown, no x86_64 note
      instanceTypeFilter: lambda.InstanceTypeFilter.allow(props.instanceTypes), // ok: list not written out, no narrow-types note
      maxVCpuCount: props.maxVCpus, // ok: a prop, not a literal
    });

    new lambda.CapacityProvider(this, 'Consts', {
      subnets: vpc.privateSubnets,
      securityGroups: [sg],
      architectures: ARCHS, // ok: a named constant is not resolved
      instanceTypeFilter: lambda.InstanceTypeFilter.allow([new ec2.InstanceType(props.typeName)]), // ok: type name unknown
      maxVCpuCount: 2 * 3, // ok: an expression is not evaluated
    });

    const fromProps = new lambda.Function(this, 'FromProps', {
      runtime: props.runtime, // ok: runtime from props
      handler: 'index.handler',
      code,
      architecture: props.architecture, // ok: architecture unknown, no mismatch
      memorySize: props.memory, // ok: memory from props
    });
    capacity.addFunction(fromProps, {
      perExecutionEnvironmentMaxConcurrency: CONCURRENCY, // ok: a named constant
      publishToLatestPublished: props.publish, // ok: publishing from props
      latestPublishedScalingConfig: props.scaling, // ok: scaling config from props
    });

    const fromConsts = new lambda.Function(this, 'FromConsts', {
      runtime: lambda.Runtime.NODEJS_LATEST, // ok: a moving alias is not resolved
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: MEMORY, // ok: a named constant (1024) is not resolved
    });
    capacity.addFunction(fromConsts, {
      executionEnvironmentMemoryGiBPerVCpu: RATIO, // ok: a named constant (3) is not resolved
      latestPublishedScalingConfig: {
        minExecutionEnvironments: MIN_ENVS, // ok: a named constant
        maxExecutionEnvironments: 5,
      },
    });

    const computed = new lambda.Function(this, 'Computed', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512 * 2, // ok: an expression is not evaluated
    });
    capacity.addFunction(computed, {
      perExecutionEnvironmentMaxConcurrency: Math.min(CONCURRENCY, 2000), // ok: a call is not evaluated
    });

    // A project class named CapacityProvider is not the CDK construct.
    const local = new LocalProvider(this, 'Local', { maxVCpuCount: 1, architectures: ['x86_64'] }); // ok: not aws-cdk-lib
    local.addFunction(computed, { perExecutionEnvironmentMaxConcurrency: 5000 }); // ok: not a CDK capacity provider

    // addFunction on something else entirely.
    const registry = new FunctionRegistry();
    registry.addFunction(computed, { publishToLatestPublished: false }); // ok: not a capacity provider
  }
}
