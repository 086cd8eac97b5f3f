package org.jheat.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.junit.jupiter.api.Test;

/**
 * {@link KCluster#listener}: told once per iteration of every run with global values (the same on every process), and
 * the fit's result is the one without a listener.
 */
class IterationListenerTest {
    @Test
    void toldEveryIterationWithoutChangingTheFit() {
        for (Integer split : new Integer[] {0, 1, null}) {
            DNDarray x = ClusterTest.blobs(DType.FLOAT64, split);
            for (KCluster<?> plain : List.<KCluster<?>>of(new KMeans(4), new KMedians(4))) {
                plain.init("random").nInit(3).randomState(5L).fit(x);
                KCluster<?> told = plain instanceof KMeans ? new KMeans(4) : new KMedians(4);
                List<long[]> calls = new ArrayList<>();
                told.init("random").nInit(3).randomState(5L)
                        .listener((run, it, changed, shift) -> calls.add(new long[] {run, it, changed, Double.doubleToLongBits(shift)}))
                        .fit(x);
                String what = plain.getClass().getSimpleName() + " split " + split;
                assertEquals(plain.inertia(), told.inertia(), what);
                assertEquals(plain.nIter(), told.nIter(), what);
                assertArrayEquals(plain.labels().toDoubleArray(), told.labels().toDoubleArray(), what);
                // runs 0, 1, 2 in order, iterations 1, 2, … within each; the first iteration changes every label
                int run = 0, it = 0;
                for (long[] c : calls) {
                    if (c[0] != run) {
                        assertEquals(run + 1, c[0], what);
                        run++;
                        it = 0;
                    }
                    assertEquals(++it, c[1], what);
                    if (it == 1) assertEquals(1003, c[2], what + ": first iteration changes every label");
                    assertTrue(c[2] >= 0 && Double.longBitsToDouble(c[3]) >= 0, what);
                }
                assertEquals(2, run, what + ": three runs");
            }
        }
    }
}
