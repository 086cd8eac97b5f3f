package org.jheat.comm;

import java.lang.foreign.MemorySegment;

import org.jheat.tensor.Tensor;

/**
 * Host buffers of the tensor forms of {@link Communication}: a CPU tensor's own memory, so nothing is copied; for a
 * tensor on another device a host copy (staging) whose received elements are written back after the call.
 */
final class Staging {
    private Staging() { }

    private static void contiguous(String fn, String name, Tensor t) {
        if (t == null) throw new IllegalArgumentException(fn + ": " + name + " must not be null");
        if (!t.isContiguous()) {
            throw new IllegalArgumentException(fn + ": " + name + " of shape " + java.util.Arrays.toString(t.shape())
                    + " is not contiguous; pass t.contiguous()");
        }
    }

    /** Host memory holding the elements of {@code t}, to send from. */
    static MemorySegment in(String fn, String name, Tensor t) {
        contiguous(fn, name, t);
        return t.hostSegment();
    }

    /** Host memory to receive into, with {@link Out#commit()} writing it back to a device tensor. */
    static Out out(String fn, String name, Tensor t) {
        contiguous(fn, name, t);
        if (t.device().isCpu()) return new Out(t, t, t.hostSegment());
        // the current contents go along: in-place calls read them, and elements a call does not write must survive
        Tensor host = t.to(org.jheat.tensor.Device.CPU);
        return new Out(t, host, host.hostSegment());
    }

    /** A receive buffer: {@code seg} is {@code host}'s memory; {@code host} is {@code target} itself on the CPU. */
    record Out(Tensor target, Tensor host, MemorySegment seg) {
        /** Writes received elements back to a device tensor; nothing on the CPU. */
        void commit() {
            if (host != target) target.backend().copy(host, target);
        }
    }

    /** The same dtype on both sides. */
    static void sameType(String fn, Tensor send, Tensor recv) {
        if (send.dtype() != recv.dtype()) {
            throw new IllegalArgumentException(fn + ": send is " + send.dtype() + " but recv is " + recv.dtype() + "; they must match");
        }
    }

    /** A request that writes a staged receive back once complete. */
    static Request committing(Request r, Out o) {
        if (o.host() == o.target()) return r;
        return new Request() {
            private boolean done;

            @Override
            public void waitFor() {
                r.waitFor();
                finish();
            }

            @Override
            public boolean test() {
                if (!r.test()) return false;
                finish();
                return true;
            }

            private void finish() {
                if (!done) {
                    done = true;
                    o.commit();
                }
            }
        };
    }

    /** A request that keeps a staged send buffer reachable until it completes. */
    static Request keeping(Request r, Tensor t, MemorySegment staged) {
        if (t.device().isCpu()) return r;
        return new Request() {
            @SuppressWarnings("unused")
            private final MemorySegment keep = staged;

            @Override
            public void waitFor() { r.waitFor(); }

            @Override
            public boolean test() { return r.test(); }
        };
    }
}
