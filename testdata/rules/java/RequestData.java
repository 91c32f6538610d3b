package com.acme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

public class RequestData implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static String requestId;
    private String currentUser;
    private APIGatewayProxyRequestEvent lastEvent;
    private static Context ctx;
    private static final ThreadLocal<String> tenant = new ThreadLocal<>();
    private static int requests;

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        requestId = context.getAwsRequestId(); // want "LMI003"
        currentUser = event.getRequestContext().getAuthorizer().get("sub").toString(); // want "LMI003"
        lastEvent = event; // want "LMI003"
        ctx = context; // want "LMI003"
        tenant.set(event.getHeaders().get("x-tenant")); // ok: ThreadLocal holds it per thread
        String id = context.getAwsRequestId(); // ok: a local
        remember(id);
        boolean big = event.getBody() != null; // ok: a local flag
        return new APIGatewayProxyResponseEvent().withBody(id + big);
    }

    private void remember(String id) {
        currentUser = id; // want "LMI003"
        requests = requests + 1; // want "LMI001"
    }
}
