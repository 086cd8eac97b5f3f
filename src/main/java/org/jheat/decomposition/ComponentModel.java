package org.jheat.decomposition;

import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.core.Validation;

/**
 * What {@link PCA} and {@link IncrementalPCA} share once fitted: scikit-learn's {@code _BasePCA} attributes
 * (components, explained variance and its ratio, singular values, mean, noise variance, counts) and the projection
 * onto the components and back (optionally whitened). Subclasses set the fields in their fit.
 *
 * <pre>{@code
 * DNDarray z = model.transform(x);
 * DNDarray back = model.inverseTransform(z);
 * }</pre>
 */
abstract class ComponentModel {
    private final String name;

    boolean whiten;
    DNDarray components;   // (k, p) replicated, in the model's dtype
    DNDarray mean;         // (p,) replicated, in the model's dtype
    double[] explainedVariance;
    double[] explainedVarianceRatio;
    double[] singularValues;
    double noiseVariance;
    long nFeatures = -1;
    long nSamples;

    ComponentModel(String name) {
        this.name = name;
    }

    final void requireFitted() {
        if (components == null) throw Validation.notFitted(name);
    }

    /** A fitted attribute on the device of the data it is applied to (a fit on one device, a transform on another). */
    private static DNDarray onDevice(DNDarray a, DNDarray like) {
        return a.device().equals(like.device()) ? a : a.to(like.device());
    }

    /**
     * The projections of X onto the components, (n_samples, nComponents), rows where X's rows are (collective).
     * <pre>{@code DNDarray z = model.transform(x); }</pre>
     *
     * @throws IllegalStateException before fit; {@link IllegalArgumentException} for another feature count or NaN/infinity in X
     */
    public DNDarray transform(DNDarray x) {
        requireFitted();
        String who = name + ".transform";
        Validation.check2d(x, who);
        Validation.checkFeatures(x, nFeatures, who);
        Validation.checkFinite(x, who);   // as scikit-learn's check_array: a NaN row is an error, not a NaN projection
        DNDarray xf = x.dtype() == components.dtype() ? x : x.astype(components.dtype());
        return Components.project(xf, onDevice(mean, xf), onDevice(components, xf), explainedVariance, whiten);
    }

    /**
     * Back to feature space: Z·components + mean (undoing whiten).
     * <pre>{@code DNDarray xHat = model.inverseTransform(z); }</pre>
     *
     * @throws IllegalStateException before fit; {@link IllegalArgumentException} for Z without nComponents columns
     */
    public DNDarray inverseTransform(DNDarray z) {
        requireFitted();
        String who = name + ".inverseTransform";
        Validation.check2d(z, who);
        if (z.gshape()[1] != components.gshape()[0]) {
            throw new IllegalArgumentException(who + ": Z has " + z.gshape()[1] + " columns, but the model has " + components.gshape()[0] + " components");
        }
        DNDarray zf = z.dtype() == components.dtype() ? z : z.astype(components.dtype());
        return Components.back(zf, onDevice(mean, zf), onDevice(components, zf), explainedVariance, whiten);
    }

    /** The principal axes (nComponents, n_features), replicated. <pre>{@code DNDarray c = model.components(); }</pre> */
    public DNDarray components() {
        requireFitted();
        return components;
    }

    /** Variance along each component, S²/(n_samples − 1). <pre>{@code double[] v = model.explainedVariance().toDoubleArray(); }</pre> */
    public DNDarray explainedVariance() {
        requireFitted();
        return ofComponentsType(Factories.replicatedLike(explainedVariance.clone(), components));
    }

    /** Share of the total variance of each component. <pre>{@code DNDarray r = model.explainedVarianceRatio(); }</pre> */
    public DNDarray explainedVarianceRatio() {
        requireFitted();
        return ofComponentsType(Factories.replicatedLike(explainedVarianceRatio.clone(), components));
    }

    /** The singular values belonging to the components. <pre>{@code DNDarray s = model.singularValues(); }</pre> */
    public DNDarray singularValues() {
        requireFitted();
        return ofComponentsType(Factories.replicatedLike(singularValues.clone(), components));
    }

    /** In the components' dtype, as scikit-learn's attributes of a float32 fit are float32. */
    private DNDarray ofComponentsType(DNDarray v) { return v.dtype() == components.dtype() ? v : v.astype(components.dtype()); }

    /** The per-feature mean of the training data, replicated. <pre>{@code DNDarray mu = model.mean(); }</pre> */
    public DNDarray mean() {
        requireFitted();
        return mean;
    }

    /** scikit-learn's {@code noise_variance_} (the mean variance left outside the components). <pre>{@code double nv = model.noiseVariance(); }</pre> */
    public double noiseVariance() {
        requireFitted();
        return noiseVariance;
    }

    /** The fitted number of components. <pre>{@code int k = model.nComponents(); }</pre> */
    public int nComponents() {
        requireFitted();
        return (int) components.gshape()[0];
    }

    /** The feature count seen by fit. <pre>{@code long p = model.nFeaturesIn(); }</pre> */
    public long nFeaturesIn() {
        requireFitted();
        return nFeatures;
    }

    /** The number of samples seen by fit. <pre>{@code long n = model.nSamplesSeen(); }</pre> */
    public long nSamplesSeen() {
        requireFitted();
        return nSamples;
    }
}
