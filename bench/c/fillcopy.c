// Reference for `jheat bench fill-copy`: fill N doubles with a value, then copy them to a second array;
// prints the median GB/s of each over R repetitions (fill moves 8 bytes per element, copy 16).
// gcc -O3 -march=native -o fillcopy bench/c/fillcopy.c && ./fillcopy 100000000
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }
int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000000L;
    int reps = argc > 2 ? atoi(argv[2]) : 9;
    double *a = malloc(8 * n), *b = malloc(8 * n), fill[64], copy[64];
    for (int r = 0; r < reps; r++) {
        double v = 1.0 + r, t0 = now();
        for (long i = 0; i < n; i++) a[i] = v;
        double t1 = now();
        memcpy(b, a, 8 * n);
        double t2 = now();
        fill[r] = 8.0 * n / (t1 - t0) / 1e9;
        copy[r] = 16.0 * n / (t2 - t1) / 1e9;
    }
    qsort(fill, reps, sizeof(double), cmp);
    qsort(copy, reps, sizeof(double), cmp);
    printf("fill_GBps %.2f\ncopy_GBps %.2f\n", fill[reps / 2], copy[reps / 2]);
    return b[n - 1] == 0;
}
