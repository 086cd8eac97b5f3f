package org.jheat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The batch draws (vector lanes) equal the one-at-a-time draws they replace, so k-means‖ picks the same candidates. */
@Tag("local")
class RngTest {
    @Test
    void batchUniformsEqualSingleDraws() {
        for (long state : new long[] {0, 42, -7}) {
            Rng rng = new Rng(Rng.key(state));
            for (long stream : new long[] {Rng.stream(Rng.ROUND, 0, 1), Rng.stream(Rng.ROUND, 3, 5), Rng.stream(Rng.LOCAL, 9, 2)}) {
                for (int n : new int[] {0, 1, 7, 8, 9, 33, 100}) {
                    long counter = (1L << 32) - 4;   // counters that carry into the high word
                    double[] u = new double[n];
                    rng.uniforms(stream, counter, n, u, new long[2 * n]);
                    for (int i = 0; i < n; i++) {
                        assertEquals(rng.uniform(stream, counter + i, new int[4]), u[i], "state " + state + " n " + n + " i " + i);
                    }
                }
            }
        }
    }
}
