val powertools = "2.8.0"
dependencies {
    implementation("com.amazonaws:aws-lambda-java-events:3.11.0")
    implementation(platform("software.amazon.awssdk:bom:2.34.0")) // ok: BOM at the minimum
    implementation("software.amazon.lambda:powertools-tracing:${powertools}") // ok: resolves to 2.8.0
    implementation(group = "com.amazonaws", name = "aws-xray-recorder-sdk-core", version = "2.19.0") // want "LMI013"
    implementation("software.amazon.awssdk:s3:${awsSdkVersion}") // want "LMI013"
}
