// What the width of the column indices costs a CSR SpMV (scipy's csr_matvec loop, one thread): the same random
// N x N matrix (row lengths binomial(2*PER, 1/2), sorted random columns) with int32 and with int64 indices.
// Prints the best of R products for each. jheat's CSR keeps int64 indices (issue 18); scipy uses int32 when they fit.
// gcc -O2 -o /tmp/spmv_iw bench/c/spmv_index_width.c && /tmp/spmv_iw 1000000 20 20
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static int cmp(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }
int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1000000, per = argc > 2 ? atoi(argv[2]) : 20, reps = argc > 3 ? atoi(argv[3]) : 20;
    if (per < 1 || per > 32) { fprintf(stderr, "PER must be in [1, 32]\n"); return 2; }
    long cap = (long)n * 2 * per;
    int64_t *ip = malloc(8L * (n + 1)), *ix64 = malloc(8L * cap);
    int32_t *ix32 = malloc(4L * cap);
    double *vs = malloc(8L * cap), *x = malloc(8L * n), *y = malloc(8L * n);
    srand(1);
    long k = 0;
    for (int i = 0; i < n; i++) {
        int len = 0, c[64];
        ip[i] = k;
        for (int q = 0; q < 2 * per; q++) len += rand() & 1;
        for (int j = 0; j < len; j++) c[j] = rand() % n;
        qsort(c, len, sizeof(int), cmp);
        for (int j = 0; j < len; j++) { ix32[k + j] = c[j]; ix64[k + j] = c[j]; vs[k + j] = rand() / (double)RAND_MAX; }
        k += len;
    }
    ip[n] = k;
    for (int i = 0; i < n; i++) x[i] = rand() / (double)RAND_MAX;
    for (int wide = 0; wide < 2; wide++) {
        double best = 1e30, check = 0;
        for (int r = 0; r < reps; r++) {
            double t0 = now();
            if (wide) {
                for (int i = 0; i < n; i++) { double s = 0; for (int64_t j = ip[i]; j < ip[i + 1]; j++) s += vs[j] * x[ix64[j]]; y[i] = s; }
            } else {
                for (int i = 0; i < n; i++) { double s = 0; for (int64_t j = ip[i]; j < ip[i + 1]; j++) s += vs[j] * x[ix32[j]]; y[i] = s; }
            }
            double t = now() - t0;
            if (t < best) best = t;
            check += y[r % n];
        }
        printf("spmv_%s_indices_ms %.1f (n %d, nnz %ld, GB/s %.2f, check %.3f)\n", wide ? "int64" : "int32", best * 1e3, n, k,
               (k * (8.0 + (wide ? 8 : 4)) + 8.0 * (n + 1) + 16.0 * n) / best / 1e9, check);
    }
    return 0;
}
