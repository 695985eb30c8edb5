package dev.strata.plan;

import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's side of the resource monitor, as seen by the mock engine: every
 * {@code RegisterResourceRequest} the SDK sends (inputs in the wire encoding with unknowns and secrets
 * marked, explicit and implicit dependencies, property dependencies, parent, provider and every
 * resource option), keyed by the URN the monitor answered. Installed through
 * {@code PulumiTestInternal.builder().monitorDecorator(...)}; it delegates to Pulumi's own
 * {@link MockMonitor}, so the program runs exactly as under {@code PulumiTest}.
 */
final class EngineRecorder extends MockMonitor {
    private final Map<String, RegisterResourceRequest> requests = new ConcurrentHashMap<>();

    EngineRecorder(Mocks mocks, Log log) {
        super(mocks, log);
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource,
                                                                            RegisterResourceRequest request) {
        return super.registerResourceAsync(resource, request).thenApply(response -> {
            requests.put(response.getUrn(), request);
            return response;
        });
    }

    /** The request the engine received for the resource with this URN. */
    Optional<RegisterResourceRequest> request(String urn) {
        return Optional.ofNullable(requests.get(urn));
    }
}
