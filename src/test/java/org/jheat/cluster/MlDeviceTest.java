package org.jheat.cluster;

import org.jheat.classification.KNeighborsClassifier;
import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.graph.Laplacian;
import org.jheat.naivebayes.GaussianNB;
import org.jheat.preprocessing.LabelEncoder;
import org.jheat.preprocessing.MaxAbsScaler;
import org.jheat.preprocessing.MinMaxScaler;
import org.jheat.preprocessing.Normalizer;
import org.jheat.preprocessing.RobustScaler;
import org.jheat.preprocessing.StandardScaler;
import org.jheat.spatial.Spatial;
import org.jheat.tensor.DType;
import org.jheat.testing.OnDevice;
import org.junit.jupiter.api.Test;

/**
 * The machine-learning packages (cluster, spatial, classification, naivebayes, preprocessing, graph) with their data
 * on a second device ({@link org.jheat.tensor.TestDevice}): fitted attributes and results live on the data's device
 * and equal the CPU's bit for bit. 13 rows (three blobs) over any number of processes, split along rows, columns or
 * replicated.
 */
class MlDeviceTest {
    private static final Integer[] SPLITS = {null, 0, 1};

    /** Three blobs in 3-d, 13 rows. */
    private static DNDarray blobs(Integer split, DType t) {
        double[][] v = new double[13][3];
        for (int i = 0; i < 13; i++) {
            int c = i % 3;
            for (int j = 0; j < 3; j++) v[i][j] = 6 * c * (j == c ? 1 : 0.3) + ((i * 7 + j * 5) % 11) * 0.1 - 0.5 + 0.01 * i;
        }
        return Factories.array(v, null, split).astype(t);
    }

    private static DNDarray labels(Integer split) {
        long[] y = new long[13];
        for (int i = 0; i < 13; i++) y[i] = (i % 3) * 10 + 1;
        return Factories.array(y, null, split);
    }

    @Test
    void clusteringStaysOnTheDevice() {
        OnDevice d = new OnDevice();
        for (Integer s : SPLITS) {
            for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                String n = " split " + s + " " + t;
                DNDarray x = blobs(s, t);
                d.same("kmeans" + n, x, a -> {
                    KMeans km = new KMeans(3).randomState(0L).fit(a);
                    return new DNDarray[] {km.clusterCenters(), km.labels(), km.predict(a), km.transform(a)};
                });
                d.same("kmeans++" + n, x, a -> new KMeans(3).init("k-means++").randomState(1L).fit(a).clusterCenters());
                d.same("kmeans batchparallel init" + n, x, a -> new KMeans(3).init("batchparallel").randomState(1L).fit(a).clusterCenters());
                d.same("kmeans random init" + n, x, a -> new KMeans(3).init("random").randomState(2L).fit(a).clusterCenters());
                d.same("kmedians" + n, x, a -> {
                    KMedians km = new KMedians(3).randomState(0L).fit(a);
                    return new DNDarray[] {km.clusterCenters(), km.labels()};
                });
                d.same("kmedoids" + n, x, a -> {
                    KMedoids km = new KMedoids(3).randomState(0L).fit(a);
                    return new DNDarray[] {km.clusterCenters(), km.labels()};
                });
                d.same("batch-parallel kmeans" + n, x, a -> {
                    BatchParallelKMeans km = new BatchParallelKMeans(3).randomState(1L).fit(a);
                    return new DNDarray[] {km.clusterCenters(), km.labels(), km.predict(a)};
                });
                d.same("batch-parallel kmedians" + n, x, a -> {
                    BatchParallelKMedians km = new BatchParallelKMedians(3).randomState(1L).nProcsToMerge(2).fit(a);
                    return new DNDarray[] {km.clusterCenters(), km.labels()};
                });
                d.same("silhouette" + n, new DNDarray[] {x, labels(s == null ? null : 0)},
                        in -> new DNDarray[] {Cluster.silhouetteSamples(in[0], in[1])});
            }
        }
        d.check();
    }

    /** Spectral's dense path: the Laplacian, Lanczos and k-means on the embedding, all on the data's device. */
    @Test
    void spectralStaysOnTheDevice() {
        OnDevice d = new OnDevice();
        for (Integer s : SPLITS) {
            d.same("spectral split " + s, blobs(s, DType.FLOAT64), a -> new Spectral(3).gamma(0.5).randomState(0L).fitPredict(a));
        }
        d.check();
    }

    @Test
    void distancesAndGraphsStayOnTheDevice() {
        OnDevice d = new OnDevice();
        for (Integer s : SPLITS) {
            for (Integer t : SPLITS) {
                String n = " splits " + s + "," + t;
                DNDarray[] xy = {blobs(s, DType.FLOAT64), blobs(t, DType.FLOAT64)};
                d.same("cdist" + n, xy, in -> new DNDarray[] {Spatial.cdist(in[0], in[1])});
                d.same("cdist expanded" + n, xy, in -> new DNDarray[] {Spatial.cdist(in[0], in[1], true)});
                d.same("manhattan" + n, xy, in -> new DNDarray[] {Spatial.manhattan(in[0], in[1])});
                d.same("rbf" + n, xy, in -> new DNDarray[] {Spatial.rbf(in[0], in[1])});
                d.same("cdist float32" + n, new DNDarray[] {blobs(s, DType.FLOAT32), blobs(t, DType.FLOAT32)},
                        in -> new DNDarray[] {Spatial.cdist(in[0], in[1])});
            }
            d.same("cdist self split " + s, blobs(s, DType.FLOAT64), Spatial::cdist);
            d.same("laplacian rbf split " + s, blobs(s, DType.FLOAT64), a -> Laplacian.rbf(0.5).construct(a));
            d.same("laplacian eNeighbour split " + s, blobs(s, DType.FLOAT64),
                    a -> Laplacian.rbf(0.5).mode("eNeighbour").threshold("lower", 0.5).weighted(false).construct(a));
            d.same("laplacian euclidean split " + s, blobs(s, DType.FLOAT64),
                    a -> Laplacian.euclidean().mode("eNeighbour").threshold("upper", 1.5).construct(a));
        }
        d.check();
    }

    @Test
    void classifiersAndScalersStayOnTheDevice() {
        OnDevice d = new OnDevice();
        for (Integer s : SPLITS) {
            Integer ys = s == null ? null : 0;
            String n = " split " + s;
            DNDarray[] xy = {blobs(s, DType.FLOAT64), labels(ys)};
            d.same("knn" + n, xy, in -> {
                KNeighborsClassifier k = new KNeighborsClassifier(3).fit(in[0], in[1]);
                DNDarray[] nb = k.kneighbors(in[0]);
                return new DNDarray[] {k.predict(in[0]), k.predictProba(in[0]), nb[0], nb[1], k.classes()};
            });
            d.same("knn distance" + n, xy, in -> new DNDarray[] {new KNeighborsClassifier(2, "distance").fit(in[0], in[1]).predictProba(in[0])});
            d.same("gaussian nb" + n, xy, in -> {
                GaussianNB nb = new GaussianNB().fit(in[0], in[1]);
                return new DNDarray[] {nb.predict(in[0]), nb.predictProba(in[0]), nb.theta(), nb.var(), nb.classPrior(), nb.classCount(), nb.classes()};
            });
            for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                DNDarray x = blobs(s, t);
                String m = n + " " + t;
                d.same("standard scaler" + m, x, a -> {
                    StandardScaler sc = new StandardScaler().fit(a);
                    return new DNDarray[] {sc.transform(a), sc.inverseTransform(a), sc.mean(), sc.var(), sc.scale()};
                });
                d.same("min-max scaler" + m, x, a -> {
                    MinMaxScaler sc = new MinMaxScaler(-1, 2).fit(a);
                    return new DNDarray[] {sc.transform(a), sc.inverseTransform(a), sc.dataMin(), sc.dataRange(), sc.min(), sc.scale()};
                });
                d.same("max-abs scaler" + m, x, a -> {
                    MaxAbsScaler sc = new MaxAbsScaler().fit(a);
                    return new DNDarray[] {sc.transform(a), sc.inverseTransform(a), sc.maxAbs(), sc.scale()};
                });
                d.same("robust scaler" + m, x, a -> {
                    RobustScaler sc = new RobustScaler().fit(a);
                    return new DNDarray[] {sc.transform(a), sc.inverseTransform(a), sc.center(), sc.scale()};
                });
                for (String norm : new String[] {"l1", "l2", "max"}) {
                    d.same("normalizer " + norm + m, x, a -> new Normalizer(norm).fit(a).transform(a));
                }
            }
            d.same("label encoder" + n, labels(ys), a -> {
                LabelEncoder e = new LabelEncoder().fit(a);
                DNDarray codes = e.transform(a);
                return new DNDarray[] {codes, e.inverseTransform(codes), e.classes()};
            });
        }
        d.check();
    }
}
