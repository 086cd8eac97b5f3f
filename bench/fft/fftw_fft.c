// Reference for `jheat bench fft`: FFTW 3 called from C, double precision, FFTW_ESTIMATE plans (as jheat makes
// them), out of place into one reused output buffer, T threads (default 2). Prints the median milliseconds of a
// 2-d fft of N x N complex128 and of a 1-d fft of M points over R repetitions, after one warm-up.
// gcc -O3 -march=native -o /tmp/fftw_fft bench/fft/fftw_fft.c -lfftw3_threads -lfftw3 -lm -lpthread && /tmp/fftw_fft 4096 16777216 5 2
#include <fftw3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }

static double median_ms(fftw_plan p, fftw_complex *in, fftw_complex *out, int reps) {
    double t[64];
    fftw_execute_dft(p, in, out);   // warm-up
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        fftw_execute_dft(p, in, out);
        t[r] = (now() - t0) * 1e3;
    }
    qsort(t, reps, sizeof(double), cmp);
    return t[reps / 2];
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 4096, m = argc > 2 ? atol(argv[2]) : 1L << 24;
    int reps = argc > 3 ? atoi(argv[3]) : 5, threads = argc > 4 ? atoi(argv[4]) : 2;
    if (reps > 64) reps = 64;
    fftw_init_threads();
    fftw_plan_with_nthreads(threads);
    long big = n * n > m ? n * n : m;
    fftw_complex *in = fftw_alloc_complex(big), *out = fftw_alloc_complex(big);
    srand(1);
    for (long i = 0; i < big; i++) { in[i][0] = rand() / (double)RAND_MAX; in[i][1] = rand() / (double)RAND_MAX; }
    double t0 = now();
    fftw_plan p2 = fftw_plan_dft_2d((int)n, (int)n, in, out, FFTW_FORWARD, FFTW_ESTIMATE);
    double plan2 = (now() - t0) * 1e3;
    double ms2 = median_ms(p2, in, out, reps);
    printf("fftw fft2 %ldx%ld complex128 threads=%d: median %.1f ms (plan %.1f ms) out[1]=%.6g\n", n, n, threads, ms2, plan2, out[1][0]);
    t0 = now();
    fftw_plan p1 = fftw_plan_dft_1d((int)m, in, out, FFTW_FORWARD, FFTW_ESTIMATE);
    double plan1 = (now() - t0) * 1e3;
    double ms1 = median_ms(p1, in, out, reps);
    printf("fftw fft1d %ld complex128 threads=%d: median %.1f ms (plan %.1f ms) out[1]=%.6g\n", m, threads, ms1, plan1, out[1][0]);
    fftw_destroy_plan(p2);
    fftw_destroy_plan(p1);
    fftw_free(in);
    fftw_free(out);
    return 0;
}
