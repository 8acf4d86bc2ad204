/// Every rule `checker lint` applies. Codes are stable: DL1xx formulas, DL2xx code, DL3xx the
/// document as a whole. A code is never reused for another meaning.
extension LintRule {
    // MARK: Formulas

    public static let varianceAsStd = LintRule(
        code: "DL101", slug: "beta-for-sqrt-beta", severity: .error,
        summary: "A variance multiplies the noise where its square root belongs.",
        explanation: """
        A sample of N(μ, σ²) is μ + σ·ε with ε ~ N(0, I): the noise is multiplied by the standard \
        deviation σ, not by the variance σ². The forward step of Ho et al. 2020 (Eq. 2) is \
        x_t = √(1 − β_t)·x_{t−1} + √β_t·ε; writing β_t·ε (or (1 − α_t)·ε) shrinks the noise by a factor \
        √β_t (about 0.01 to 0.14 for the linear schedule) and the marginal q(x_t | x_0) no longer holds.
        """)
    public static let stdAsVariance = LintRule(
        code: "DL102", slug: "sqrt-beta-for-beta", severity: .error,
        summary: "A standard deviation is given where a Gaussian's variance belongs.",
        explanation: """
        N(x; μ, Σ) takes the covariance as its second parameter. The DDPM forward kernel is \
        N(x_t; √(1 − β_t)·x_{t−1}, β_t·I) (Ho et al. 2020, Eq. 2): writing √β_t·I there describes a \
        different, much noisier process.
        """)
    public static let wrongForwardStep = LintRule(
        code: "DL103", slug: "wrong-forward-step", severity: .error,
        summary: "The forward step q(x_t | x_{t−1}) is not √(1 − β_t)·x_{t−1} + √β_t·ε.",
        explanation: """
        Ho et al. 2020, Eq. 2: q(x_t | x_{t−1}) = N(x_t; √(1 − β_t)·x_{t−1}, β_t·I). The mean \
        coefficient and the variance must add up so that the signal and the noise keep unit variance.
        """)
    public static let wrongMarginal = LintRule(
        code: "DL104", slug: "wrong-marginal", severity: .error,
        summary: "q(x_t | x_0) is not N(√ᾱ_t·x_0, (1 − ᾱ_t)·I).",
        explanation: """
        Ho et al. 2020, Eq. 4: x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε with ᾱ_t = ∏_{s≤t} α_s. Writing the \
        per-step α_t where the cumulative ᾱ_t belongs (or the reverse) is the usual slip; the DDIM \
        paper's α_t is DDPM's ᾱ_t, so the linter infers which convention a document uses first.
        """)
    public static let wrongMerge = LintRule(
        code: "DL105", slug: "wrong-step-merge", severity: .error,
        summary: "Two forward steps do not merge into √(α_tα_{t−1})·x_{t−2} + √(1 − α_tα_{t−1})·ε̄.",
        explanation: """
        Two independent Gaussian noises with standard deviations √(α_t(1 − α_{t−1})) and √(1 − α_t) \
        add to one with variance α_t(1 − α_{t−1}) + 1 − α_t = 1 − α_tα_{t−1}. This is the step that \
        gives q(x_t | x_0) by induction; a merge that adds variances as if they were standard \
        deviations (or the reverse) breaks it.
        """)
    public static let wrongPosteriorVariance = LintRule(
        code: "DL106", slug: "wrong-posterior-variance", severity: .error,
        summary: "The posterior variance is not β̃_t = (1 − ᾱ_{t−1})/(1 − ᾱ_t)·β_t.",
        explanation: """
        Ho et al. 2020, Eq. 7: q(x_{t−1} | x_t, x_0) = N(μ̃_t(x_t, x_0), β̃_t·I) with \
        β̃_t = (1 − ᾱ_{t−1})/(1 − ᾱ_t)·β_t. β_t is the forward variance (an upper bound for the reverse \
        variance the paper also uses for p_θ), not the posterior's.
        """)
    public static let wrongPosteriorMean = LintRule(
        code: "DL107", slug: "wrong-posterior-mean", severity: .error,
        summary: "The posterior mean is not √ᾱ_{t−1}β_t/(1 − ᾱ_t)·x_0 + √α_t(1 − ᾱ_{t−1})/(1 − ᾱ_t)·x_t.",
        explanation: "Ho et al. 2020, Eq. 7. The two coefficients come from completing the square in q(x_t | x_{t−1})·q(x_{t−1} | x_0).")
    public static let wrongPredictedData = LintRule(
        code: "DL108", slug: "wrong-x0-from-eps", severity: .error,
        summary: "x̂_0 from ε is not (x_t − √(1 − ᾱ_t)·ε)/√ᾱ_t (from v: √ᾱ_t·x_t − √(1 − ᾱ_t)·v; from the score: (x_t + (1 − ᾱ_t)·s)/√ᾱ_t).",
        explanation: """
        Inverting x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε for x_0 (Ho et al. 2020, Eq. 15). With the velocity \
        v = √ᾱ_t·ε − √(1 − ᾱ_t)·x_0 (Salimans & Ho 2022) the same inversion gives √ᾱ_t·x_t − √(1 − ᾱ_t)·v; \
        with the score s = −ε/√(1 − ᾱ_t) it gives Tweedie's (x_t + (1 − ᾱ_t)·s)/√ᾱ_t.
        """)
    public static let wrongReverseMean = LintRule(
        code: "DL109", slug: "wrong-ddpm-mean", severity: .error,
        summary: "The DDPM reverse step is not 1/√α_t·(x_t − β_t/√(1 − ᾱ_t)·ε_θ(x_t, t)) + σ_t·z.",
        explanation: """
        Ho et al. 2020, Eq. 11 and Algorithm 2: μ_θ(x_t, t) = 1/√α_t·(x_t − β_t/√(1 − ᾱ_t)·ε_θ(x_t, t)), \
        then x_{t−1} = μ_θ + σ_t·z with σ_t² = β_t or β̃_t and z = 0 on the last step. Inverting the \
        forward step x_t = √α_t·x_{t−1} + √β_t·ε is not the reverse step: ε_θ predicts the total noise \
        in x_t, whose coefficient is √(1 − ᾱ_t), not √β_t.
        """)
    public static let wrongSimpleLoss = LintRule(
        code: "DL110", slug: "wrong-simple-loss", severity: .error,
        summary: "L_simple is not ‖ε − ε_θ(√ᾱ_t·x_0 + √(1 − ᾱ_t)·ε, t)‖².",
        explanation: "Ho et al. 2020, Eq. 14: the squared error between the noise drawn and the noise predicted from the noised sample.")
    public static let wrongGaussianKL = LintRule(
        code: "DL111", slug: "wrong-gaussian-kl", severity: .error,
        summary: "The KL divergence between two Gaussians is wrong.",
        explanation: "KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) = log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½ nats.")
    public static let wrongDDIMUpdate = LintRule(
        code: "DL112", slug: "wrong-ddim-update", severity: .error,
        summary: "The DDIM update is not √ᾱ_{t−1}·x̂_0 + √(1 − ᾱ_{t−1} − σ_t²)·ε_θ + σ_t·z.",
        explanation: "Song et al. 2021, Eq. 12 (their α_t is DDPM's ᾱ_t).")
    public static let wrongDDIMSigma = LintRule(
        code: "DL113", slug: "wrong-ddim-sigma", severity: .error,
        summary: "σ_t(η) is not η·√((1 − ᾱ_{t−1})/(1 − ᾱ_t))·√(1 − ᾱ_t/ᾱ_{t−1}).",
        explanation: """
        Song et al. 2021, Eq. 16. With η = 1 it equals the DDPM posterior standard deviation √β̃_t, \
        with η = 0 the sampler is deterministic. η multiplies σ, so σ² carries η².
        """)
    public static let cosineWithoutSquare = LintRule(
        code: "DL114", slug: "cos-without-square", severity: .error,
        summary: "The cosine schedule's ᾱ uses cos where cos² belongs.",
        explanation: "Nichol & Dhariwal 2021, Eq. 17: ᾱ_t = f(t)/f(0), f(t) = cos²((t/T + s)/(1 + s)·π/2).")
    public static let conditioningMismatch = LintRule(
        code: "DL115", slug: "conditioning-mismatch", severity: .warning,
        summary: "The left side names one distribution and the right side describes another.",
        explanation: "A formula written as q(x_t | x_{t−1}) whose right side is a function of x_{t−2} is q(x_t | x_{t−2}).")
    public static let wrongFactorization = LintRule(
        code: "DL116", slug: "wrong-factorization", severity: .error,
        summary: "∏ q(x_t | x_{t−1}) is the conditional q(x_{1:T} | x_0), not the joint q(x_{0:T}).",
        explanation: "Ho et al. 2020, Eq. 2: the forward process factorizes as q(x_{1:T} | x_0) = ∏_{t=1}^T q(x_t | x_{t−1}).")
    public static let jointForConditional = LintRule(
        code: "DL118", slug: "joint-for-conditional", severity: .error,
        summary: "A derivation step turns a conditional density into a joint one (or back).",
        explanation: """
        q(x_{1:T} | x_0) and q(x_{1:T}, x_0) = q(x_{1:T} | x_0)·q(x_0) differ by the marginal q(x_0). \
        The variational bound is −log p_θ(x_0) ≤ E_q[log q(x_{1:T} | x_0)/p_θ(x_{0:T})] (Ho et al. 2020, Eq. 3); \
        with the joint in the numerator the inequality no longer holds.
        """)
    public static let wrongAlphaDefinition = LintRule(
        code: "DL117", slug: "wrong-alpha-definition", severity: .error,
        summary: "α_t or ᾱ_t is defined wrongly.",
        explanation: "α_t = 1 − β_t and ᾱ_t = ∏_{s=1}^t α_s (Ho et al. 2020, §2, Eq. 4).")
    public static let wrongBounds = LintRule(
        code: "DL119", slug: "wrong-bounds", severity: .error,
        summary: "A product or sum runs over the wrong range of steps.",
        explanation: """
        The chain has the states x_0 … x_T. ∏_{t=1}^T q(x_t | x_{t−1}) starts at t = 1: from t = 0 it \
        has a factor q(x_0 | x_{−1}). The bound's sum Σ_{t=2}^T D_KL(q(x_{t−1} | x_t, x_0) ‖ p_θ(x_{t−1} | x_t)) \
        starts at t = 2: at t = 1 the factor q(x_0 | x_1, x_0) is conditioned on its own variable, a \
        point mass, and the t = 1 term is the decoder term −log p_θ(x_0 | x_1) (Ho et al. 2020, Eq. 5). \
        ᾱ_t = ∏_{s=1}^t α_s multiplies the per-step α_s, indexed by the running index.
        """)
    public static let wrongLossWeight = LintRule(
        code: "DL120", slug: "wrong-loss-weight", severity: .error,
        summary: "The weight of the ε-loss term is not β_t²/(2σ_t²·α_t·(1 − ᾱ_t)).",
        explanation: """
        Ho et al. 2020, Eq. 12: L_{t−1} − C = E[β_t²/(2σ_t²·α_t·(1 − ᾱ_t))·‖ε − ε_θ(x_t, t)‖²]. The weight \
        comes from squaring the ε-coefficient β_t/(√α_t·√(1 − ᾱ_t)) of the mean, so β_t enters squared \
        and α_t (not ᾱ_t) once.
        """)
    public static let langevinStep = LintRule(
        code: "DL121", slug: "wrong-langevin-step", severity: .error,
        summary: "The Langevin step does not follow the score ∇ log p with noise √(2δ)·z.",
        explanation: """
        Langevin dynamics: x_{i+1} = x_i + δ·∇_x log p(x_i) + √(2δ)·z_i, z_i ~ N(0, I). The drift is the \
        score, the gradient of the log-density (∇p is not the score), and the noise variance is twice \
        the step size.
        """)
    public static let noiseUnderRoot = LintRule(
        code: "DL122", slug: "noise-under-root", severity: .error,
        summary: "Noise (or ε_θ) written inside the square root of a coefficient.",
        explanation: """
        A coefficient such as √(1 − ᾱ_{t−1} − σ_t²) multiplies the noise: √(1 − ᾱ_{t−1} − σ_t²)·ε_θ. \
        With ε inside the root the formula is not linear in the noise and is undefined for negative ε.
        """)
    public static let unequalStep = LintRule(
        code: "DL124", slug: "unequal-step", severity: .error,
        summary: "A step of a derivation of schedule quantities changes the value.",
        explanation: """
        In a chain A = B = C of expressions in α, ᾱ, β, β̃ (and σ_t, left free), every side is a number \
        at each step of a schedule. Consecutive sides are evaluated at several steps of two schedules; \
        a side that differs from the one before it is an algebra slip in that step.
        """)
    public static let nonStandardNoise = LintRule(
        code: "DL123", slug: "non-standard-noise", severity: .error,
        summary: "The noise ε (or z) is given a distribution other than N(0, I).",
        explanation: """
        Every formula of DDPM and DDIM assumes standard normal noise, ε ~ N(0, I): the scale of the \
        noise is carried by its coefficient (√(1 − ᾱ_t), σ_t), not by ε itself.
        """)

    public static let boundDirection = LintRule(
        code: "DL125", slug: "bound-direction", severity: .error,
        summary: "The variational bound is stated the wrong way round.",
        explanation: """
        log p_θ(x_0) = E_q[log p_θ(x_{0:T}) − log q(x_{1:T} | x_0)] + D_KL(q(x_{1:T} | x_0) ‖ p_θ(x_{1:T} | x_0)) \
        and the KL divergence is ≥ 0, so the log-likelihood is at least the ELBO (Ho et al. 2020, Eq. 3 \
        bounds −log p_θ(x_0) from above). Writing log p_θ(x_0) ≤ ELBO turns the lower bound into an \
        upper one: maximising it would no longer push the likelihood up.
        """)

    public static let reverseSDE = LintRule(
        code: "DL126", slug: "wrong-reverse-sde", severity: .error,
        summary: "The reverse-time SDE (or its discretised step) has the score with the wrong coefficient or without its dt.",
        explanation: """
        For dx = f dt + g dw the reverse-time SDE is dx = [f − g²·∇_x log p_t(x)] dt + g dw̄ (Anderson \
        1982; Song et al. 2021, Eq. 6): the score's coefficient is minus the square of the noise \
        coefficient, and it multiplies dt. Stepping back from t to t − Δt (dt = −Δt, dw̄ = √Δt·z) gives \
        x_{t−Δt} = x_t − [f − g²·∇ log p]·Δt + g·√Δt·z, with no dt left.
        """)

    public static let gaussianScoreSign = LintRule(
        code: "DL127", slug: "gaussian-score-sign", severity: .error,
        summary: "The score of a Gaussian kernel has the wrong sign, or the wrong power of σ for how the noise is written.",
        explanation: """
        ∇_x log N(x; μ, σ²I) = −(x − μ)/σ²: the score points from x towards the mean. For the \
        perturbation kernel q(x_t | x_0) = N(√ᾱ_t·x_0, (1 − ᾱ_t)I) it is −(x_t − √ᾱ_t·x_0)/(1 − ᾱ_t) = \
        −ε/√(1 − ᾱ_t); with the sign reversed, denoising score matching trains the model to push \
        samples away from the data. With the noise written ε ∼ N(0, σ²I) (x̃ = x + ε) the score is \
        −ε/σ², not the −ε/σ of standard noise scaled as x̃ = x + σε.
        """)

    public static let expectationVariable = LintRule(
        code: "DL128", slug: "expectation-variable", severity: .error,
        summary: "An expectation samples a state its bracket does not depend on.",
        explanation: """
        E_{x ∼ q}[f] averages f over x. When f does not read the sampled state (E_{x_T ∼ q(x_T|x_0)} of a \
        term in x_t and x_0), the expectation leaves f unchanged and the result is still random in the \
        states it does read: the subscript must name those, e.g. E_{x_t ∼ q(x_t|x_0)} for the term L_{t−1}.
        """)

    public static let ratioWithoutLog = LintRule(
        code: "DL129", slug: "kl-ratio-without-log", severity: .error,
        summary: "A KL term averages the density ratio itself instead of its logarithm.",
        explanation: """
        D_KL(q ‖ p) = E_{x ∼ q}[log q(x)/p(x)]. The bracket E_{x ∼ q}[q(x)/p(x)] without the logarithm is \
        1 + χ²(q ‖ p), another divergence, so a term of the variational bound written that way is not \
        the KL it stands for: put the log back.
        """)

    public static let processNamedBackwards = LintRule(
        code: "DL150", slug: "process-named-backwards", severity: .error,
        summary: "A sentence defines the forward chain and calls it the reverse process, or the other way round.",
        explanation: """
        The forward (diffusion) process q(x_{1:T} | x_0) = ∏ q(x_t | x_{t−1}) adds noise step by step; \
        the reverse (denoising) process p_θ(x_{0:T}) = p(x_T) ∏ p_θ(x_{t−1} | x_t) is the model that removes \
        it. The direction is read from the density's indices (states given before states drawn is \
        forward), so a note that swaps the names teaches the two chains the wrong way round.
        """)

    public static let guidanceWeightMismatch = LintRule(
        code: "DL151", slug: "guidance-weight-mismatch", severity: .error,
        summary: "A guided score does not follow from the guided density the note defines.",
        explanation: """
        Guidance defines a density, p̃(x | y) ∝ p(x) p(y | x)^w or ∝ p(x | y) p(y | x)^w, and its score \
        follows by linearity. With ∇ log p(x | y) = ∇ log p(x) + ∇ log p(y | x), both are combinations \
        of the unconditional score and the classifier's gradient; when the score a note writes has other \
        weights than the density it defined (w where 1 + w belongs), the guidance scale silently changed.
        """)

    public static let guidedPredictionWeights = LintRule(
        code: "DL157", slug: "guided-prediction-weights", severity: .error,
        summary: "A classifier-free guided noise prediction weighs the conditional and unconditional predictions to a total other than 1.",
        explanation: """
        Classifier-free guidance (Ho & Salimans 2022) extrapolates between two estimates of the same \
        noise: ε̃_θ(x_t, c) = (1 + w)·ε_θ(x_t, c) − w·ε_θ(x_t, ∅), or ε_θ(x_t, ∅) + s·(ε_θ(x_t, c) − \
        ε_θ(x_t, ∅)) with s = 1 + w. Its weights sum to 1 for every w, so the result is still an \
        estimate of ε (w = 0 gives the conditional model). A sign slip, (1 + w)·ε_θ(x_t, c) + \
        w·ε_θ(x_t, ∅), scales the noise estimate by 1 + 2w. Judged where a guided prediction (ε̃, ε̂ or \
        a decorated ε) is set equal to a weighted sum of ε_θ with and without the condition.
        """)

    public static let noiseLevelOrder = LintRule(
        code: "DL152", slug: "noise-level-order", severity: .error,
        summary: "A statement about the largest or smallest noise level, or the direction of annealing, contradicts the order of levels the note declared.",
        explanation: """
        Score models number their noise levels one way or the other (σ_1 > σ_2 > … > σ_L in NCSN). Once \
        a note declares the order, σ_1 is its largest level and σ_L its smallest (or the reverse), and \
        annealed sampling runs from the largest level down to the smallest. Calling σ_L the largest, or \
        annealing from σ_L to σ_1, swaps the ends of the schedule the note itself set up.
        """)

    public static let klOrder = LintRule(
        code: "DL158", slug: "kl-order", severity: .error,
        summary: "A KL term of the bound has its arguments reversed: the model first, the forward density second.",
        explanation: """
        The terms of the variational bound are D_KL(q(x_T | x_0) ‖ p(x_T)) and \
        D_KL(q(x_{t−1} | x_t, x_0) ‖ p_θ(x_{t−1} | x_t)) (Ho et al. 2020, Eq. 5): the expectation is \
        under the forward process. The KL is not symmetric, so D_KL(p_θ ‖ q) is another quantity, \
        which the bound does not contain and whose Gaussian closed form differs.
        """)

    public static let klSign = LintRule(
        code: "DL153", slug: "kl-sign", severity: .error,
        summary: "A derivation step rewrites a log-ratio as a KL divergence with the wrong sign.",
        explanation: """
        D_KL(q ‖ p) = E_q[log q − log p]. The log-ratio log(p/q) averaged under q is therefore \
        −D_KL(q ‖ p): written as +D_KL(q ‖ p), the term of the bound changes sign, and the ELBO becomes \
        a quantity that grows with the mismatch it is meant to penalise.
        """)

    public static let componentwiseIdentity = LintRule(
        code: "DL154", slug: "componentwise-identity", severity: .error,
        summary: "A squared norm or Jensen's inequality written component by component is wrong.",
        explanation: """
        ‖v‖² = Σ_i v_i² sums the squared components, not the components. Jensen's inequality for a convex f \
        is f(Σ_i λ_i x_i) ≤ Σ_i λ_i f(x_i), with the weights outside f (≥ for a concave f such as log); \
        Σ_i f(λ_i x_i) is a different quantity and the inequality does not hold for it.
        """)

    public static let pointMassDensity = LintRule(
        code: "DL155", slug: "point-mass-density", severity: .error,
        summary: "A density of a state given that same state (q(x_0 | x_0)) is used as a density.",
        explanation: """
        q(x_0 | x_0) and q(x_0 | x_1, x_0) are point masses: the state is given, so it has no density to \
        set to 1, to take the log of, or to compare in a KL. They appear when a sum over t that belongs \
        to t ≥ 2 starts at t = 1, or when x_{t−1} is substituted for x_t: the t = 1 term of the bound is \
        the decoder term −log p_θ(x_0 | x_1).
        """)

    public static let wrongPathVelocity = LintRule(
        code: "DL170", slug: "wrong-path-velocity", severity: .error,
        summary: "A velocity stated as the time derivative of the note's own path is not that derivative.",
        explanation: """
        For a path x_t = a(t)·A + b(t)·B in a continuous t (flow matching, rectified flow, interpolants), \
        dx_t/dt = a'(t)·A + b'(t)·B: (1 − t)·x_0 + t·x_1 gives x_1 − x_0, and the conditional-OT path \
        (1 − (1 − σ_min)·t)·x_0 + t·x_1 gives x_1 − (1 − σ_min)·x_0. Only a side written as d/dt of the \
        path (dx_t/dt, d/dt ψ_t(…), ẋ_t, or d/dt of the path written out) is judged, against the path the \
        note defines, so the convention (data at t = 0 or at t = 1) does not matter. A velocity named \
        without a derivative (u_t = …, v = …) is not judged: notes that run t from the data to the noise \
        often call the reverse direction the velocity.
        """)

    public static let probabilityFlowODE = LintRule(
        code: "DL156", slug: "probability-flow-ode", severity: .error,
        summary: "The probability-flow ODE (of dx = f dt + g dw, or of the variance-preserving process in t or in log-SNR λ) has the wrong coefficients.",
        explanation: """
        The SDE dx = f(x, t) dt + g(t) dw has the probability-flow ODE dx = [f(x, t) − ½g(t)²·∇ log p_t(x)] dt, \
        with half the score coefficient of the reverse SDE (there is no noise term to carry the other half); \
        it is judged where the score's coefficient is written with g². \
        The VP SDE dx = −½β(t)·x dt + √β(t) dw has the probability-flow ODE dx/dt = −½β(t)·[x + ∇ log p_t(x)], \
        and with ∇ log p_t(x) = −ε_θ/√(1 − ᾱ_t) this is dx/dt = −½β(t)·[x − ε_θ/√(1 − ᾱ_t)], where \
        β(t) = −d log ᾱ_t/dt. In the log-SNR λ = log(ᾱ/(1 − ᾱ)), dλ/dt = −β(t)/(1 − ᾱ), so \
        dx/dλ = ½·[(1 − ᾱ)·x − √(1 − ᾱ)·ε_θ] (twice that for λ = ½ log(ᾱ/(1 − ᾱ))). An Euler step \
        x_{λ'} = x_λ + Δλ·F uses that right side as F. Only ODEs whose coefficients are functions of ᾱ \
        and β(t) are judged; VE, EDM (dx/dσ) and flow-matching ODEs are not.
        """)

    public static let alphaBarWording = LintRule(
        code: "DL160", slug: "alpha-bar-wording", severity: .error,
        summary: "Prose calls ᾱ_t the cumulative product of the variances β_s.",
        explanation: """
        ᾱ_t = ∏_{s ≤ t} α_s = ∏_{s ≤ t} (1 − β_s): the product of the fractions of variance kept at each \
        step. The product of the variances β_s themselves is another, vanishing number; a reader who \
        implements the sentence gets cumprod(betas) instead of cumprod(1 − betas).
        """)

    public static let sumIndexAtBound = LintRule(
        code: "DL130", slug: "sum-index-at-bound", severity: .error,
        summary: "A sum's terms never read its index: they read its bound, or an average reads a dummy point.",
        explanation: """
        (1/m)∑_{i=1}^{m} f(z^{(i)}) averages m samples. Written with z^{(m)} the summand no longer \
        depends on i: the sum adds the last sample m times and the average is f(z^{(m)}). Label the \
        samples with the index. Likewise (1/T)∑_{t=1}^{T} of a term written at a dummy point, which \
        never reads t, returns that term instead of averaging over the T samples.
        """)

    public static let unbalancedDensities = LintRule(
        code: "DL131", slug: "unbalanced-densities", severity: .error,
        summary: "The two sides of an equation between densities are densities of different variables.",
        explanation: """
        A density of A given C changes by the Jacobian of A, and not of C, when the variables are \
        rescaled: an identity between products and quotients of densities (or sums of their logs) \
        needs the same variables on both sides once the denominators' are taken from the \
        numerators'. p_θ(x_0) is not p(x_T)∏p_θ(x_{t−1} | x_t), the joint of x_{0:T} (the latents are \
        integrated out: p_θ(x_0) = ∫ p_θ(x_{0:T}) dx_{1:T}), and q(x_{t−1}, x_t | x_0) is \
        q(x_t | x_0)·q(x_{t−1} | x_t, x_0), not q(x_t, x_0)·q(x_{t−1} | x_t, x_0).
        """)

    public static let gaussianOutsideCondition = LintRule(
        code: "DL132", slug: "gaussian-outside-condition", severity: .error,
        summary: "A density's Gaussian reads a state the density is not conditioned on, or is written over another state.",
        explanation: """
        f(A | C) = N(A; μ, Σ) makes μ and Σ functions of C. p(x_{t−1} | x_t) = N(a·x_t + b·x_0, …) has a mean \
        in x_0, which p(x_{t−1} | x_t) is not given: that Gaussian is the posterior q(x_{t−1} | x_t, x_0). \
        The model's kernel p_θ(x_{t−1} | x_t) = N(μ_θ(x_t, t), σ_t² I) puts its estimate x̂_0(x_t, t) there. \
        Its variable is A: N(x_t; …) for p(x_{t−1} | x_t) is a density of x_t, and a mean in A alone, \
        q(x_t | x_{t−1}) = N(x_t; √(1 − β_t)·x_t, β_t·I), is no function of x_{t−1}.
        """)

    public static let logOnOneSide = LintRule(
        code: "DL133", slug: "log-on-one-side", severity: .error,
        summary: "The logarithm of a density is set equal or proportional to a product of densities.",
        explanation: """
        log p̃(x | y) ∝ p(x | y)·p(y | x)^w relates a log-density to a density. Take the log of both \
        sides, log p̃(x | y) = log p(x | y) + w·log p(y | x) + const, or of neither, p̃(x | y) ∝ p(x | y)·p(y | x)^w.
        """)

    public static let expectedLikelihood = LintRule(
        code: "DL134", slug: "expected-likelihood", severity: .error,
        summary: "A maximum-likelihood objective averages the density instead of its logarithm.",
        explanation: """
        Maximum likelihood maximises E_{x_0 ∼ q(x_0)}[log p_θ(x_0)], the per-sample log of the data \
        set's likelihood ∏ p_θ(x^{(i)}). E[p_θ(x_0)] = ∫ q(x_0)·p_θ(x_0) dx_0 is another objective whose \
        maximiser is not the maximum-likelihood estimate (it rewards mass at the data's mode only).
        """)

    public static let marginalInNestedExpectation = LintRule(
        code: "DL135", slug: "marginal-in-nested-expectation", severity: .error,
        summary: "A joint expectation is split into nested ones whose inner density is a marginal.",
        explanation: """
        E_{(A, B) ∼ q}[f] = E_{A ∼ q(A)}[E_{B ∼ q(B | A)}[f]] (the tower rule). With the marginal q(B) \
        inside, the nested form averages over q(A)·q(B), the joint only when A and B are independent; \
        the states of a diffusion chain are not.
        """)

    // MARK: Code

    public static let uniformNoise = LintRule(
        code: "DL201", slug: "uniform-noise", severity: .error,
        summary: "Uniform noise (rand, rand_like) where Gaussian noise is needed.",
        explanation: """
        ε, x_T and z are standard normal: torch.randn / randn_like, np.random.randn. rand and \
        rand_like draw from U[0, 1): mean ½, variance 1/12, so every formula that assumes N(0, I) is off.
        """)
    public static let decreasingBetaRange = LintRule(
        code: "DL202", slug: "decreasing-beta-range", severity: .error,
        summary: "The β schedule decreases: the range's ends are swapped.",
        explanation: "β_t grows with t (1e-4 to 0.02 in Ho et al. 2020): linspace(beta_start, beta_end, T) with beta_start < beta_end.")
    public static let missingIndex = LintRule(
        code: "DL203", slug: "missing-timestep-index", severity: .error,
        summary: "A schedule array is used without its index [t].",
        explanation: "alphas_cumprod, betas and the like hold one value per step: a sample at step t uses alphas_cumprod[t], not the whole array.")
    public static let wrongPosteriorVarianceCode = LintRule(
        code: "DL204", slug: "wrong-posterior-variance-code", severity: .error,
        summary: "The reverse-step variance is neither β̃_t = β_t·(1 − ᾱ_{t−1})/(1 − ᾱ_t) nor β_t.",
        explanation: "Ho et al. 2020, §3.2: σ_t² = β_t or σ_t² = β̃_t; both are computed from the schedule at the same index t.")
    public static let wrongMeanCode = LintRule(
        code: "DL205", slug: "wrong-ddpm-mean-code", severity: .error,
        summary: "The reverse-step mean in code is not 1/√α_t·(x_t − β_t/√(1 − ᾱ_t)·ε_θ).",
        explanation: "Ho et al. 2020, Eq. 11, evaluated numerically at several steps of the schedule.")
    public static let cumsumForCumprod = LintRule(
        code: "DL206", slug: "cumsum-for-cumprod", severity: .error,
        summary: "ᾱ is a cumulative product, not a cumulative sum.",
        explanation: "ᾱ_t = ∏ α_s: cumprod. cumsum of α gives values above 1.")
    public static let sqrtOfLogVariance = LintRule(
        code: "DL207", slug: "sqrt-of-log-variance", severity: .error,
        summary: "Square root of a log-variance.",
        explanation: "The standard deviation from a log-variance is exp(½·log σ²); sqrt(log σ²) is NaN for σ² < 1 (diffusers' fixed_large_log bug).")
    public static let etaForEtaSquared = LintRule(
        code: "DL208", slug: "eta-for-eta-squared", severity: .error,
        summary: "η multiplies a variance where η² belongs.",
        explanation: "σ_t = η·σ̂_t, so the DDIM direction term is √(1 − ᾱ_prev − η²·σ̂_t²).")
    public static let cosineWithoutSquareCode = LintRule(
        code: "DL209", slug: "cos-without-square-code", severity: .error,
        summary: "A cosine schedule computes ᾱ from cos without the square.",
        explanation: "f(t) = cos²((t/T + s)/(1 + s)·π/2) (Nichol & Dhariwal 2021, Eq. 17).")
    public static let noiseAtFinalStep = LintRule(
        code: "DL210", slug: "noise-at-final-step", severity: .error,
        summary: "Noise is added on the last reverse step (t = 0).",
        explanation: "Algorithm 2 of Ho et al. 2020: z ~ N(0, I) if t > 1, else z = 0. The last step returns the mean.")
    public static let undefinedName = LintRule(
        code: "DL211", slug: "undefined-name", severity: .error,
        summary: "A name is used that nothing defines.",
        explanation: "A name inside a function that is neither a parameter, a local, a name defined elsewhere in the note, nor a library module.")
    public static let pythonSyntax = LintRule(
        code: "DL212", slug: "python-syntax-error", severity: .error,
        summary: "A Python code block does not parse.",
        explanation: "The block has a syntax error that no Python version accepts: a missing colon, an unclosed bracket, a bad indent, an empty subscript `x[]`, or a statement keyword glued after an expression (`y = f() with g():`). A line the parser cannot read for any other reason may be Python it does not know, so it is reported as not analysed (--coverage), never as an error.")
    public static let wrongForwardSampleCode = LintRule(
        code: "DL213", slug: "wrong-forward-sample-code", severity: .error,
        summary: "A forward-sample function does not compute √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε.",
        explanation: "Evaluated numerically against Ho et al. 2020, Eq. 4 at several steps of the schedule.")

    public static let zeroFirstBeta = LintRule(
        code: "DL214", slug: "zero-first-beta", severity: .error,
        summary: "The first β of the schedule is 0 (ᾱ₀ = 1): the cosine schedule is off by one step.",
        explanation: """
        β must be positive at every step: with β₀ = 0 the first step adds no noise and ᾱ₀ = 1. It is \
        what a cosine schedule gives when ᾱ is taken as f(t)/f(0) for t = 0 … T − 1 instead of \
        t = 1 … T; the correct cosine schedule has β₀ = 4.128e-5 and ᾱ₀ = 0.999958716 for T = 1000.
        """)

    public static let learnedRangeInVariance = LintRule(
        code: "DL215", slug: "learned-range-in-variance", severity: .error,
        summary: "The learned-range variance interpolates variances where it interpolates log-variances.",
        explanation: """
        Nichol & Dhariwal 2021, Eq. 15: Σ_θ = exp(v·log β_t + (1 − v)·log β̃_t). Interpolating β_t and \
        β̃_t themselves gives another variance (early diffusers had this bug).
        """)

    public static let wrongScheduleArray = LintRule(
        code: "DL216", slug: "wrong-schedule-array", severity: .error,
        summary: "A precomputed schedule array (α, ᾱ, ᾱ_prev, √(1 − ᾱ), β̃, …) is not its definition from β.",
        explanation: """
        Code computes the per-step arrays once from β: α_t = 1 − β_t, ᾱ_t = ∏ α_s, \
        β̃_t = β_t·(1 − ᾱ_{t−1})/(1 − ᾱ_t) (Ho et al. 2020, §2 and Eq. 7). The array is compared with \
        its definition at every step after the first; a wrong array spoils every step that reads it.
        """)

    public static let wrongDDIMSigmaCode = LintRule(
        code: "DL217", slug: "wrong-ddim-sigma-code", severity: .error,
        summary: "A DDIM σ_t(η) in code is not η·√((1 − ᾱ_prev)/(1 − ᾱ_t))·√(1 − ᾱ_t/ᾱ_prev).",
        explanation: """
        Song et al. 2021, Eq. 16, for whatever earlier step ᾱ_prev the sampler jumps to. η is free \
        (0 deterministic, 1 the DDPM posterior for consecutive steps), so σ_t is judged for the \
        code's own η and step pair, not against the DDPM β̃_t; an inverted ratio or a missing root is caught.
        """)

    public static let sampleNotAssignedBack = LintRule(
        code: "DL218", slug: "sample-not-assigned-back", severity: .error,
        summary: "A sampling loop computes x_{t−1} but never makes it the next step's x_t.",
        explanation: """
        Algorithm 2 of Ho et al. 2020 replaces x_t by x_{t−1} at every step. A loop that stores the \
        new sample under another name and calls the model on an x_t it never updates denoises the \
        same input T times and returns one step's result.
        """)
    public static let discardedLoopValue = LintRule(
        code: "DL239", slug: "discarded-loop-value", severity: .error,
        summary: "A loop rebinds its own variable to a new value that nothing reads.",
        explanation: """
        `for x in frames: x = (x + 1) / 2` changes the name x, not the element of frames: the \
        sequence keeps its old values and the new one is lost at the next iteration. A sampler \
        that rescales or decodes its recorded trajectory this way returns the raw states. \
        In-place forms (`x.clamp_(…)`, `out=`) change the element and are not judged.
        """)

    public static let lossTargetNoiseMismatch = LintRule(
        code: "DL219", slug: "loss-target-noise-mismatch", severity: .error,
        summary: "The training loss compares the prediction with a noise other than the one that built x_t.",
        explanation: """
        L_simple = ‖ε − ε_θ(√ᾱ_t·x_0 + √(1 − ᾱ_t)·ε, t)‖² uses the same ε twice (Ho et al. 2020, Eq. 14). \
        A second draw as the target is independent of the model's input, so the network can only \
        learn to predict zero.
        """)

    public static let varianceAsScale = LintRule(
        code: "DL220", slug: "variance-as-scale", severity: .error,
        summary: "A Gaussian's scale (standard deviation) is given a variance.",
        explanation: """
        torch.distributions.Normal(loc, scale), torch.normal(mean, std) and numpy's normal(loc, \
        scale) take the standard deviation. q(x_t | x_0) has standard deviation √(1 − ᾱ_t) and the \
        posterior √β̃_t; passing 1 − ᾱ_t or β̃_t makes every density and KL computed from it wrong.
        """)

    public static let betaReachesOne = LintRule(
        code: "DL221", slug: "beta-reaches-one", severity: .error,
        summary: "A β of the schedule is 1: α_t = 0 and the reverse step divides by zero.",
        explanation: """
        The cosine schedule's last ratio ᾱ_T/ᾱ_{T−1} is 0 in floating point, so β_T = 1 unless it is \
        capped; Nichol & Dhariwal 2021 clip β at 0.999. With β_t = 1 the reverse mean's 1/√α_t is infinite.
        """)

    public static let stepRangeOneShort = LintRule(
        code: "DL222", slug: "step-range-one-short", severity: .error,
        summary: "A training draw or a sampling loop covers T − 1 of the T steps.",
        explanation: """
        T steps have T indices, 0…T−1 or 1…T. torch.randint(0, T − 1) excludes T − 1, so that step \
        is never trained though sampling starts there; range(T − 1, 0, −1) and range(T, 1, −1) run \
        T − 1 reverse steps, so the sample never reaches x_0 or starts one step below x_T. \
        reversed(range(T)) around a body that reads its tables at t − 1 never reads step T − 1 and \
        ends at index −1, the noisiest step's entry.
        """)
    public static let noiseStoppedAtOne = LintRule(
        code: "DL223", slug: "noise-stopped-at-step-one", severity: .error,
        summary: "A sampling loop that ends at t = 0 switches its noise off from t = 1.",
        explanation: """
        Only the last reverse step returns its mean without noise (Ho et al. 2020, Algorithm 2: \
        z = 0 when t = 1 with steps 1…T). With 0-based steps the last step is t = 0, so a gate \
        written as t > 1 or t == 1 also drops the noise of the step before it.
        """)

    public static let scheduleKeepsSignal = LintRule(
        code: "DL225", slug: "rescaled-cosine-keeps-signal", severity: .error,
        summary: "Cosine β min–max rescaled into a narrow range: ᾱ_T stays far from 0, x_T is not N(0, I).",
        explanation: """
        x_T = √ᾱ_T·x_0 + √(1 − ᾱ_T)·ε, and sampling starts from x_T ~ N(0, I), which the forward \
        process only reaches when ᾱ_T = Π(1 − β_t) is near 0. The cosine β are tiny for most steps \
        and rise steeply at the end; rescaling them by their minimum and maximum into [1e-4, 0.02] \
        leaves most near 1e-4, and ᾱ_T is about 0.71 over 1000 steps. The check computes ᾱ_T of \
        the cosine schedule (Nichol and Dhariwal 2021) rescaled into the code's range over 1000 \
        steps and reports when it is at least 0.1 (√0.1 ≈ 0.32 of x_0 left in x_T).
        """)

    public static let previousAlphaBarNotOne = LintRule(
        code: "DL226", slug: "previous-alpha-bar-not-one", severity: .error,
        summary: "The table of ᾱ_{t−1} starts at ᾱ_0 instead of 1.",
        explanation: """
        Before the first step nothing has been noised: ᾱ_{t−1} at the first step is the empty \
        product, 1. A table of previous ᾱ built by shifting ᾱ one step (`roll(abar, 1)`) and then \
        filling its first entry with the next one (`prev[0] = prev[1]`, which is ᾱ_0) makes the \
        first step's β = 1 − ᾱ_0/ᾱ_{−1} exactly 0 and its posterior variance \
        β̃_0 = (1 − ᾱ_{−1})/(1 − ᾱ_0)·β_0 = β_0 instead of 0.
        """)

    public static let previousAlphaBarAtCurrentStep = LintRule(
        code: "DL233", slug: "previous-alpha-bar-at-current-step", severity: .error,
        summary: "ᾱ_{t−1} is read from the ᾱ table at the current step t.",
        explanation: """
        The previous level of a step from t is ᾱ_{t−1}, the table's entry one step earlier (1 before \
        the first step). Read at t, it equals ᾱ_t: the posterior variance \
        β̃_t = (1 − ᾱ_{t−1})/(1 − ᾱ_t)·β_t becomes β_t, the posterior mean's coefficients change, \
        and a DDIM step from ᾱ_t to ᾱ_{t−1} does not move the sample.
        """)

    public static let unknownDiffusersOption = LintRule(
        code: "DL234", slug: "unknown-diffusers-option", severity: .error,
        summary: "A diffusers scheduler is given a beta_schedule, prediction_type or timestep_spacing its class does not accept.",
        explanation: """
        Each diffusers scheduler class accepts a fixed set of names: DDPMScheduler's beta_schedule \
        is linear, scaled_linear, squaredcos_cap_v2 (the cosine schedule), sigmoid or laplace; \
        prediction_type is epsilon, sample or v_prediction; timestep_spacing is linspace, leading or \
        trailing. Any other value raises: beta_schedule in the constructor, timestep_spacing in \
        set_timesteps, prediction_type in step. The sets per class are those verify-schedule checks \
        scheduler_config.json files against (checker verify-schedule --list-classes).
        """)

    public static let oneStepUpdateOnStridedSteps = LintRule(
        code: "DL235", slug: "one-step-update-on-strided-steps", severity: .error,
        summary: "A sampling loop with a stride applies DDPM's one-step update at every jump.",
        explanation: """
        A loop over range(T − 1, −1, −k) jumps from t to t − k. The jump's β is 1 − ᾱ_t/ᾱ_{t−k} \
        and its posterior uses ᾱ_{t−k} where the one-step posterior has ᾱ_{t−1} (Song et al. 2021, \
        §4.2: DDPM on a subsequence is DDIM with η = 1). A step function that reads β_t or α_t at t \
        and is given no other step applies the update of t → t − 1 at every jump, so its mean and \
        noise are wrong whenever k > 1.
        """)
    public static let unknownLibraryFunction = LintRule(
        code: "DL236", slug: "unknown-library-function", severity: .error,
        summary: "A torch or NumPy name that the module does not have, one slip from one it has (torch.comprod), or a module called as a function (torch.random(…)).",
        explanation: """
        torch, torch.nn, torch.nn.functional, numpy and numpy.random are checked against the public \
        names of their releases (torch 2, numpy 1.26 and 2, with the names older releases had). A \
        name outside the list raises AttributeError when the line runs; it is reported only when it \
        is one or two edits from a name the module has, which is then the fix. The modules of \
        random generators called as if they were the sampler, torch.random(n, …) or np.random(…), \
        raise TypeError ('module' object is not callable); the fix is the Gaussian draw.
        """)

    public static let callArityMismatch = LintRule(
        code: "DL237", slug: "call-arity-mismatch", severity: .error,
        summary: "A call to a function or class the code defines does not match its parameters.",
        explanation: """
        Python binds a call's arguments to the parameters before the body runs: a required \
        parameter left out, more positional arguments than parameters, a keyword no parameter has, \
        or a parameter given twice raises TypeError (a sampler called during training without its \
        image size stops the run at the first sampling step). Judged only where the callee is \
        certain: a function or class the document defines once and binds no other way, or a method \
        of one class called on self inside it; calls that unpack *args or **kwargs and definitions \
        under a decorator that may change the signature are left alone.
        """)

    public static let neverBoundName = LintRule(
        code: "DL238", slug: "name-never-bound", severity: .error,
        summary: "A Python file or notebook uses a name that nothing in it binds (math.pi with no import math).",
        explanation: """
        A file or a notebook's code cells run as written: a name that no import, assignment, \
        parameter, loop, with, except, comprehension, lambda or definition binds anywhere in them, \
        and that Python or IPython does not provide, raises NameError when its line runs. The first \
        use of each name is reported. Code fenced in prose is an excerpt that leaves its imports out \
        and is not judged; nor is a program that may bind names it does not show (a star import, \
        exec, globals(), %run, %pylab, %store) or one with a block the parser did not read.
        """)

    public static let flatSigmoidSchedule = LintRule(
        code: "DL227", slug: "flat-sigmoid-schedule", severity: .error,
        summary: "A sigmoid β schedule whose argument barely moves: every β is the same.",
        explanation: """
        β_t = lo + (hi − lo)·sigmoid(a(t)) follows an S-curve only when a(t) sweeps several units \
        (−6 … 6 is usual). An argument that spans less than 0.2 over all steps (such as \
        (t/T − 0.05)/T, which spans 1/T) moves sigmoid by at most 0.05, since its slope is at most 1/4: \
        the schedule is constant to within 5 % of [lo, hi].
        """)

    public static let unscaledCleanEstimate = LintRule(
        code: "DL228", slug: "clean-estimate-without-schedule", severity: .error,
        summary: "A clean estimate written x_t − ε̂: the whole predicted noise subtracted, no schedule coefficients.",
        explanation: """
        With x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε the clean sample is x̂_0 = (x_t − √(1 − ᾱ_t)·ε̂)/√ᾱ_t \
        (Ho et al. 2020, Eq. 15), and in the σ parameterisation x_t = x_0 + σ_t·ε it is x_t − σ_t·ε̂. \
        x_t − ε̂ equals neither unless σ_t = 1 (and √ᾱ_t = √(1 − ᾱ_t) = 1 is impossible), so an image \
        'restored' or 'denoised' this way, or shown as the clean result, is not the model's estimate \
        of x_0. Reported only where the difference of a noised sample and a network's noise \
        prediction, neither rescaled, is named as a clean sample or rendered as an image.
        """)

    public static let vTargetFromNoisedSample = LintRule(
        code: "DL229", slug: "v-target-from-noised-sample", severity: .error,
        summary: "A v-prediction target α_t·ε − σ_t·x_t built with the noised sample where x_0 belongs.",
        explanation: """
        The v target of Salimans & Ho 2022 is v = α_t·ε − σ_t·x_0. With x_t = α_t·x_0 + σ_t·ε, the \
        same form with x_t in place of x_0 is (α_t − σ_t²)·ε − α_t·σ_t·x_0, which is not v at any \
        σ_t > 0 (nor ε, nor x_0): the network is trained towards another quantity than the sampler \
        inverts. (ε − σ_t·x_t)/α_t is v written through x_t, and is not this form.
        """)

    public static let risingAlphaBar = LintRule(
        code: "DL230", slug: "rising-alpha-bar", severity: .error,
        summary: "A ᾱ table that rises again: a step with β_t < 0, as when a cosine runs past t = T.",
        explanation: """
        ᾱ_t = ∏_{s≤t} (1 − β_s) can only fall: every β_s is in (0, 1). A table of ᾱ (named so, or \
        turned into β by the ratio of its neighbours, β_t = 1 − ᾱ_t/ᾱ_{t−1}) whose entries rise \
        somewhere implies β_t < 0 there. With the cosine schedule of Nichol & Dhariwal 2021 this \
        happens when f(t) = cos²((t/T + s)/(1 + s)·π/2) is evaluated past t = T: the angle passes \
        π/2 and cos² grows again, and a later clip hides the negative β as a small positive one. \
        Evaluate f on t = 0 … T only (T + 1 points, T ratios).
        """)

    public static let computedLatentUnused = LintRule(
        code: "DL231", slug: "computed-latent-unused", severity: .error,
        summary: "Only the shape of a computed latent reaches a sampler that starts from fresh noise.",
        explanation: """
        A latent computed to be the sampler's starting point (inverted by DDIM, interpolated, \
        encoded) is handed over as `z.shape`, and the sampler uses that argument only to draw \
        x_T ~ N(0, I) of that shape: the generated sample does not depend on the latent at all. \
        Reported when every read of the latent is its shape and the callee, a function of the same \
        document, reads that parameter only inside a Gaussian draw. Pass the latent itself as x_T.
        """)

    public static let wrongCleanEstimateCode = LintRule(
        code: "DL232", slug: "wrong-clean-estimate-code", severity: .error,
        summary: "A function that predicts x_0 from the noise does not return (x_t − √(1 − ᾱ_t)·ε_θ)/√ᾱ_t.",
        explanation: """
        Inverting x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε gives x̂_0 = x_t/√ᾱ_t − √(1/ᾱ_t − 1)·ε_θ (Ho et al. \
        2020, Eq. 15; improved-diffusion's `_predict_xstart_from_eps`): both terms are divided by \
        √ᾱ_t. A function named for this (`predict_start_from_noise`, `_predict_x0_from_eps`) is \
        evaluated at several steps and accepted if it matches x̂_0 at any step of the schedule, so a \
        table indexed from 1 is a convention, not an error. Multiplying ε_θ by √(1 − ᾱ_t) without the \
        division is the classic slip.
        """)

    public static let noiseUnderRootCode = LintRule(
        code: "DL224", slug: "noise-under-root-code", severity: .error,
        summary: "The noise (or its prediction) is multiplied inside a square root in code.",
        explanation: """
        DDPM and DDIM coefficients multiply the noise from outside their roots: \
        β_t/√(1 − ᾱ_t)·ε_θ, √(1 − ᾱ_t)·ε. `sqrt(alphas_cumprod[t] * eps)` takes the root of the noise \
        itself (NaN wherever it is negative); it is almost always a misplaced parenthesis.
        """)

    public static let modelMeanUsesData = LintRule(
        code: "DL140", slug: "model-mean-uses-data", severity: .error,
        summary: "The model's mean μ_θ(x_t, t) contains the true x_0.",
        explanation: """
        The reverse model sees x_t and t only: its mean is the posterior mean with x_0 replaced by the \
        model's estimate x̂_0 = (x_t − √(1 − ᾱ_t)·ε_θ(x_t, t))/√ᾱ_t (DDIM writes it f_θ^{(t)}(x_t)). A μ_θ \
        that keeps the true x_0 in one term cannot be computed at sampling time, and a loss built on \
        μ̃_t − μ_θ then drops that term's contribution.
        """)

    public static let wrongScheduleValue = LintRule(
        code: "DL141", slug: "wrong-schedule-value", severity: .error,
        summary: "A number given for the standard linear schedule (β from 10⁻⁴ to 0.02, T = 1000) is not its value.",
        explanation: """
        In a note that states Ho et al.'s schedule, a side made of numbers only (e^{−10.2}, 3.7·10⁻⁵) \
        that follows a schedule-valued side (Σ_t β_t, (T/2)(β_1 + β_T), ᾱ_T) must agree with it on that \
        schedule: Σ_{t=1}^{1000} β_t = 500·(10⁻⁴ + 0.02) = 10.05, ᾱ_T ≈ 4.04·10⁻⁵. The number is read at \
        its written precision (one unit in its last digit either way).
        """)

    public static let forwardIdentity = LintRule(
        code: "DL142", slug: "forward-identity", severity: .error,
        summary: "An equation between x_t, x_0, ε and the model's ε_θ or x̂_0 does not hold.",
        explanation: """
        With x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε and x̂_0 = (x_t − √(1 − ᾱ_t)·ε_θ)/√ᾱ_t, every such quantity \
        is a combination of x_0, ε and ε_θ; the two sides of an identity must be the same combination. \
        For example √ᾱ_t·(x̂_0 − x_0) = √(1 − ᾱ_t)·(ε − ε_θ), not √(1 − ᾱ_t)·(ε_θ − ε).
        """)

    public static let gaussianEntropy = LintRule(
        code: "DL143", slug: "gaussian-entropy", severity: .error,
        summary: "The entropy of a Gaussian is not ½·log det(2πe·Σ).",
        explanation: """
        For Σ = σ²I in D dimensions log det Σ = D·log σ², so H[N(μ, σ²I)] = (D/2)·(1 + log 2π) + \
        (D/2)·log σ²: the log-variance term scales with the dimension like the constant does.
        """)

    // MARK: Document

    public static let swappedHyperparameters = LintRule(
        code: "DL301", slug: "swapped-beta-hyperparameters", severity: .error,
        summary: "A stated minimum β is larger than the stated maximum.",
        explanation: "min_beta/beta_start must be the smaller end of the β range (1e-4 < 0.02 in Ho et al. 2020).")
    public static let contradictoryHyperparameters = LintRule(
        code: "DL302", slug: "contradictory-hyperparameters", severity: .warning,
        summary: "The note states the same hyperparameter with two different values.",
        explanation: "The β range (or T) stated in prose, in a hyperparameter list and in code must agree.")
    public static let unbalancedDelimiters = LintRule(
        code: "DL303", slug: "unbalanced-delimiters", severity: .warning,
        summary: "Unbalanced braces or parentheses in a formula.",
        explanation: "A parenthesis closes inside a brace group it was not opened in, or one is never closed. TeX may still render it, but the formula says something else than meant.")
    public static let unterminatedMath = LintRule(
        code: "DL304", slug: "unterminated-math", severity: .error,
        summary: "A $$ or \\begin{…} math block is never closed.",
        explanation: "Everything after the opening delimiter is read as math by renderers. Close it with $$ or \\end{…}.")

    public static let all: [LintRule] = [
        varianceAsStd, stdAsVariance, wrongForwardStep, wrongMarginal, wrongMerge, wrongPosteriorVariance,
        wrongPosteriorMean, wrongPredictedData, wrongReverseMean, wrongSimpleLoss, wrongGaussianKL, wrongDDIMUpdate,
        wrongDDIMSigma, cosineWithoutSquare, conditioningMismatch, wrongFactorization, wrongAlphaDefinition, jointForConditional,
        wrongBounds, wrongLossWeight, langevinStep, noiseUnderRoot, nonStandardNoise, unequalStep, boundDirection, reverseSDE, gaussianScoreSign, expectationVariable, ratioWithoutLog, sumIndexAtBound, unbalancedDensities, gaussianOutsideCondition, logOnOneSide, expectedLikelihood, marginalInNestedExpectation, processNamedBackwards, guidanceWeightMismatch, guidedPredictionWeights, noiseLevelOrder, klSign, componentwiseIdentity, pointMassDensity, alphaBarWording, probabilityFlowODE, wrongPathVelocity,
        uniformNoise, decreasingBetaRange, missingIndex, wrongPosteriorVarianceCode, wrongMeanCode, cumsumForCumprod,
        sqrtOfLogVariance, etaForEtaSquared, cosineWithoutSquareCode, noiseAtFinalStep, undefinedName, pythonSyntax,
        wrongForwardSampleCode, zeroFirstBeta, learnedRangeInVariance, wrongScheduleArray, wrongDDIMSigmaCode, sampleNotAssignedBack, lossTargetNoiseMismatch, varianceAsScale, betaReachesOne, stepRangeOneShort, noiseStoppedAtOne, noiseUnderRootCode, scheduleKeepsSignal, previousAlphaBarNotOne, previousAlphaBarAtCurrentStep, unknownDiffusersOption, oneStepUpdateOnStridedSteps, unknownLibraryFunction, callArityMismatch, neverBoundName, flatSigmoidSchedule, unscaledCleanEstimate, wrongCleanEstimateCode, vTargetFromNoisedSample, risingAlphaBar, computedLatentUnused, modelMeanUsesData, wrongScheduleValue, forwardIdentity, gaussianEntropy, swappedHyperparameters, contradictoryHyperparameters, unbalancedDelimiters,
        unterminatedMath, discardedLoopValue, klOrder,
    ]

    /// The rule with this code (`DL101`) or slug (`uniform-noise`), case-insensitive.
    public static func named(_ name: String) -> LintRule? {
        let n = name.lowercased()
        return all.first { $0.code.lowercased() == n || $0.slug == n }
    }
}
