package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Single-pass float64 loops for the commonest two-operation expressions, {@code a*x + y} (STREAM's triad),
 * {@code x*y + z}, {@code y - a*x} and their kin: a product of two operands (contiguous or a scalar) added to or
 * subtracted from a contiguous operand, in that operand order, so the result is bit-identical to the eager pair (Java
 * never contracts {@code p*q + r} into a fused multiply-add). One loop reads each input and writes the output once
 * without the intermediate block of the general fused path, which costs it about a quarter of the bandwidth.
 *
 * <pre>{@code FusedF64.mulAdd(false, true, x, xo, 0, a, ao, 8, y, yo, out, oo, n);   // out = a*x + y with a scalar }</pre>
 */
final class FusedF64 {
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private FusedF64() { }

    /**
     * {@code o = p*q + r} ({@code mulFirst}, {@code sub} false), {@code p*q - r}, {@code r + p*q} or {@code r - p*q} over n
     * elements; p and q have byte stride 8 or 0 (a scalar; not both), r and o stride 8. Returns false for other strides.
     */
    static boolean mulAdd(boolean sub, boolean mulFirst, MemorySegment p, long po, long ps, MemorySegment q, long qo, long qs,
                          MemorySegment r, long ro, MemorySegment o, long oo, long n) {
        int form = ps == 8 && qs == 8 ? 0 : ps == 0 && qs == 8 ? 1 : ps == 8 && qs == 0 ? 2 : -1;
        if (form < 0) return false;
        double s = form == 1 ? p.get(D, po) : form == 2 ? q.get(D, qo) : 0;
        MemorySegment v = form == 1 ? q : p;
        long vo = form == 1 ? qo : po;
        // one small method per loop: as one method with twelve loops C1 spent 95 ms on it and gave up (too large), so a
        // program's first fused triad ran in the interpreter until C2 had compiled it
        switch ((sub ? 6 : 0) + (mulFirst ? 0 : 3) + form) {
            case 0 -> prodAddVV(p, po, q, qo, r, ro, o, oo, n);
            case 1 -> prodAddSV(s, v, vo, r, ro, o, oo, n);
            case 2 -> prodAddVS(v, vo, s, r, ro, o, oo, n);
            case 3 -> restAddVV(p, po, q, qo, r, ro, o, oo, n);
            case 4 -> restAddSV(s, v, vo, r, ro, o, oo, n);
            case 5 -> restAddVS(v, vo, s, r, ro, o, oo, n);
            case 6 -> prodSubVV(p, po, q, qo, r, ro, o, oo, n);
            case 7 -> prodSubSV(s, v, vo, r, ro, o, oo, n);
            case 8 -> prodSubVS(v, vo, s, r, ro, o, oo, n);
            case 9 -> restSubVV(p, po, q, qo, r, ro, o, oo, n);
            case 10 -> restSubSV(s, v, vo, r, ro, o, oo, n);
            default -> restSubVS(v, vo, s, r, ro, o, oo, n);
        }
        return true;
    }

    /** p·q + r, V·V (V: a contiguous operand, S: a scalar). */
    private static void prodAddVV(MemorySegment p, long po, MemorySegment q, long qo, MemorySegment r, long ro, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), p.get(D, po + (i << 3)) * q.get(D, qo + (i << 3)) + r.get(D, ro + (i << 3)));
    }

    /** p·q + r, S·V (V: a contiguous operand, S: a scalar). */
    private static void prodAddSV(double s, MemorySegment v, long vo, MemorySegment r, long ro, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), s * v.get(D, vo + (i << 3)) + r.get(D, ro + (i << 3)));
    }

    /** p·q + r, V·S (V: a contiguous operand, S: a scalar). */
    private static void prodAddVS(MemorySegment v, long vo, double s, MemorySegment r, long ro, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), v.get(D, vo + (i << 3)) * s + r.get(D, ro + (i << 3)));
    }

    /** r + p·q, V·V (V: a contiguous operand, S: a scalar). */
    private static void restAddVV(MemorySegment p, long po, MemorySegment q, long qo, MemorySegment r, long ro, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), r.get(D, ro + (i << 3)) + p.get(D, po + (i << 3)) * q.get(D, qo + (i << 3)));
    }

    /** r + p·q, S·V (V: a contiguous operand, S: a scalar). */
    private static void restAddSV(double s, MemorySegment v, long vo, MemorySegment r, long ro, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), r.get(D, ro + (i << 3)) + s * v.get(D, vo + (i << 3)));
    }

    /** r + p·q, V·S (V: a contiguous operand, S: a scalar). */
    private static void restAddVS(MemorySegment v, long vo, double s, MemorySegment r, long ro, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), r.get(D, ro + (i << 3)) + v.get(D, vo + (i << 3)) * s);
    }

    /** p·q − r, V·V (V: a contiguous operand, S: a scalar). */
    private static void prodSubVV(MemorySegment p, long po, MemorySegment q, long qo, MemorySegment r, long ro, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), p.get(D, po + (i << 3)) * q.get(D, qo + (i << 3)) - r.get(D, ro + (i << 3)));
    }

    /** p·q − r, S·V (V: a contiguous operand, S: a scalar). */
    private static void prodSubSV(double s, MemorySegment v, long vo, MemorySegment r, long ro, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), s * v.get(D, vo + (i << 3)) - r.get(D, ro + (i << 3)));
    }

    /** p·q − r, V·S (V: a contiguous operand, S: a scalar). */
    private static void prodSubVS(MemorySegment v, long vo, double s, MemorySegment r, long ro, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), v.get(D, vo + (i << 3)) * s - r.get(D, ro + (i << 3)));
    }

    /** r − p·q, V·V (V: a contiguous operand, S: a scalar). */
    private static void restSubVV(MemorySegment p, long po, MemorySegment q, long qo, MemorySegment r, long ro, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), r.get(D, ro + (i << 3)) - p.get(D, po + (i << 3)) * q.get(D, qo + (i << 3)));
    }

    /** r − p·q, S·V (V: a contiguous operand, S: a scalar). */
    private static void restSubSV(double s, MemorySegment v, long vo, MemorySegment r, long ro, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), r.get(D, ro + (i << 3)) - s * v.get(D, vo + (i << 3)));
    }

    /** r − p·q, V·S (V: a contiguous operand, S: a scalar). */
    private static void restSubVS(MemorySegment v, long vo, double s, MemorySegment r, long ro, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), r.get(D, ro + (i << 3)) - v.get(D, vo + (i << 3)) * s);
    }
}
