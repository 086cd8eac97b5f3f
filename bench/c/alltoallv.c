/* MPI_Alltoallv of uint8 in which every rank sends BYTES bytes, split over the ranks as evenly as possible (the first
 * BYTES % size ranks get one more), measured like org.jheat.comm.AllreduceBench.alltoallvMedianMillis: WARMUP calls,
 * then R calls each timed alone after a barrier; rank 0 prints the median.
 *   mpicc.mpich -O2 -o /tmp/alltoallv bench/c/alltoallv.c && mpiexec.hydra -n 2 /tmp/alltoallv [BYTES=1e8] [R=20]
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

#define WARMUP 3

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    int provided, rank, p;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_SERIALIZED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &p);
    long bytes = argc > 1 ? (long) atof(argv[1]) : 100000000;
    int reps = argc > 2 ? atoi(argv[2]) : 20;
    int *sc = malloc(p * sizeof(int)), *sd = malloc(p * sizeof(int)), *rc = malloc(p * sizeof(int)), *rd = malloc(p * sizeof(int));
    for (int r = 0; r < p; r++) {
        sc[r] = (int) (bytes / p + (r < bytes % p ? 1 : 0));
        sd[r] = r == 0 ? 0 : sd[r - 1] + sc[r - 1];
    }
    for (int r = 0; r < p; r++) {
        rc[r] = sc[rank];
        rd[r] = r * sc[rank];
    }
    unsigned char *send = malloc(bytes), *recv = malloc((size_t) sc[rank] * p + 1);
    double *ms = malloc(reps * sizeof(double));
    for (long i = 0; i < bytes; i++) send[i] = (unsigned char) (i + rank);
    for (int i = 0; i < WARMUP; i++) MPI_Alltoallv(send, sc, sd, MPI_UINT8_T, recv, rc, rd, MPI_UINT8_T, MPI_COMM_WORLD);
    for (int r = 0; r < reps; r++) {
        MPI_Barrier(MPI_COMM_WORLD);
        double t0 = MPI_Wtime();
        MPI_Alltoallv(send, sc, sd, MPI_UINT8_T, recv, rc, rd, MPI_UINT8_T, MPI_COMM_WORLD);
        ms[r] = (MPI_Wtime() - t0) * 1e3;
    }
    qsort(ms, reps, sizeof(double), cmp);
    if (rank == 0) printf("alltoallv_ms %.4f\n", ms[reps / 2]);
    free(send); free(recv); free(ms); free(sc); free(sd); free(rc); free(rd);
    MPI_Finalize();
    return 0;
}
