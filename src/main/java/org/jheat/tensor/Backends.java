package org.jheat.tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry behind {@link Device#backend()}: the CPU, plus the {@link Backend.Provider}s on the class path
 * (ServiceLoader), each backend opened once so that tensors of one device share one backend instance (operations
 * compare backends by identity).
 */
final class Backends {
    private static final Map<Device, Backend> OPEN = new ConcurrentHashMap<>();
    private static volatile Map<String, Backend.Provider> providers;

    private Backends() { }

    private static Map<String, Backend.Provider> providers() {
        Map<String, Backend.Provider> p = providers;
        if (p == null) {
            synchronized (Backends.class) {
                if (providers == null) {
                    Map<String, Backend.Provider> m = new LinkedHashMap<>();
                    for (Backend.Provider bp : ServiceLoader.load(Backend.Provider.class, Backends.class.getClassLoader())) {
                        if (!bp.kind().equals("cpu")) m.putIfAbsent(bp.kind(), bp);
                    }
                    providers = m;
                }
                p = providers;
            }
        }
        return p;
    }

    static boolean available(Device d) {
        if (d.isCpu()) return true;
        Backend.Provider p = providers().get(d.kind());
        return p != null && d.index() < p.count();
    }

    static String availableNames() {
        List<String> names = new ArrayList<>();
        names.add("cpu");
        for (Backend.Provider p : providers().values()) {
            for (int i = 0; i < p.count(); i++) names.add(p.kind() + ":" + i);
        }
        return String.join(", ", names);
    }

    static Backend of(Device d) {
        if (d.isCpu()) return CpuBackend.INSTANCE;
        Backend b = OPEN.get(d);
        if (b != null) return b;
        if (!available(d)) throw new IllegalArgumentException("device " + d + " is not available; available: " + availableNames());
        return OPEN.computeIfAbsent(d, k -> {
            Backend opened = providers().get(k.kind()).open(k.index());
            if (!opened.device().equals(k)) {
                throw new IllegalStateException("backend provider for " + k.kind() + " opened device " + opened.device() + " for " + k);
            }
            return opened;
        });
    }
}
