/* MPI_Allreduce (SUM) of N doubles, measured like org.jheat.cli.bench.AllreduceBench:
 * WARMUP calls, then R calls each timed alone after a barrier; rank 0 prints the median.
 *   mpicc -O2 -o /tmp/allreduce bench/c/allreduce.c && mpirun -np 2 /tmp/allreduce [N=1000000] [R=100]
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

#define WARMUP 200

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    int provided, rank;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_SERIALIZED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    long n = argc > 1 ? (long) atof(argv[1]) : 1000000;
    int reps = argc > 2 ? atoi(argv[2]) : 100;
    double *send = malloc(n * sizeof(double)), *recv = malloc(n * sizeof(double)), *ms = malloc(reps * sizeof(double));
    for (long i = 0; i < n; i++) send[i] = rank + i * 1e-6;
    for (int i = 0; i < WARMUP; i++) MPI_Allreduce(send, recv, (int) n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    for (int r = 0; r < reps; r++) {
        MPI_Barrier(MPI_COMM_WORLD);
        double t0 = MPI_Wtime();
        MPI_Allreduce(send, recv, (int) n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
        ms[r] = (MPI_Wtime() - t0) * 1e3;
    }
    qsort(ms, reps, sizeof(double), cmp);
    if (rank == 0) printf("allreduce_ms %.4f\n", ms[reps / 2]);
    free(send); free(recv); free(ms);
    MPI_Finalize();
    return 0;
}
