// Logistic regression with an L2 penalty, fitted by Newton–Raphson (IRLS) with step halving.
// Deterministic: a fixed iteration order, a Cholesky solve and a fixed stopping rule, so the
// same data give the same coefficients on every run.

export interface LogisticOptions {
  /** L2 penalty on the coefficients (not the intercept): ½·l2·‖β‖² is added to the negative log-likelihood. */
  l2?: number;
  maxIterations?: number;
  /** Stop when no coefficient moves by more than this. */
  tolerance?: number;
}

export interface LogisticModel {
  intercept: number;
  coefficients: number[];
  iterations: number;
  converged: boolean;
}

/** Solve A·x = b for a symmetric positive-definite A (Cholesky), in place on copies. */
export function choleskySolve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        // A tiny jitter keeps a numerically singular system (a constant column) solvable.
        l[i]![i] = Math.sqrt(Math.max(s, 1e-12));
      } else {
        l[i]![j] = s / l[j]![j]!;
      }
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * y[k]!;
    y[i] = s / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/**
 * Fit P(y = 1 | x) = σ(β0 + x·β). `x` is row-major (rows × features); `y` is 0/1.
 */
export function fitLogistic(
  x: readonly (readonly number[])[],
  y: readonly number[],
  opts: LogisticOptions = {},
): LogisticModel {
  const l2 = opts.l2 ?? 1;
  const maxIterations = opts.maxIterations ?? 100;
  const tolerance = opts.tolerance ?? 1e-9;
  const n = x.length;
  const p = n ? x[0]!.length : 0;
  const d = p + 1;
  let beta = new Array<number>(d).fill(0);
  // Start the intercept at the sample log-odds: fewer iterations, same optimum.
  const mean = y.reduce((s, v) => s + v, 0) / Math.max(n, 1);
  if (mean > 0 && mean < 1) beta[0] = Math.log(mean / (1 - mean));

  const linear = (b: number[], row: readonly number[]) => {
    let z = b[0]!;
    for (let j = 0; j < p; j++) z += b[j + 1]! * row[j]!;
    return z;
  };
  const objective = (b: number[]) => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const z = linear(b, x[i]!);
      f += softplus(z) - y[i]! * z;
    }
    for (let j = 1; j < d; j++) f += 0.5 * l2 * b[j]! * b[j]!;
    return f;
  };

  let current = objective(beta);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const grad = new Array<number>(d).fill(0);
    const hess: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < n; i++) {
      const row = x[i]!;
      const mu = sigmoid(linear(beta, row));
      const w = Math.max(mu * (1 - mu), 1e-12);
      const r = mu - y[i]!;
      grad[0]! += r;
      hess[0]![0]! += w;
      for (let j = 0; j < p; j++) {
        const xj = row[j]!;
        grad[j + 1]! += r * xj;
        hess[j + 1]![0]! += w * xj;
        for (let k = 0; k <= j; k++) hess[j + 1]![k + 1]! += w * xj * row[k]!;
      }
    }
    for (let j = 1; j < d; j++) {
      grad[j]! += l2 * beta[j]!;
      hess[j]![j]! += l2;
    }
    for (let j = 0; j < d; j++) for (let k = j + 1; k < d; k++) hess[j]![k] = hess[k]![j]!;
    const step = choleskySolve(hess, grad);
    // Newton step, halved until the penalised objective does not get worse.
    let t = 1;
    let next = beta.map((b, j) => b - t * step[j]!);
    let value = objective(next);
    while (value > current + 1e-12 && t > 1e-6) {
      t /= 2;
      next = beta.map((b, j) => b - t * step[j]!);
      value = objective(next);
    }
    const moved = Math.max(...next.map((b, j) => Math.abs(b - beta[j]!)));
    beta = next;
    current = value;
    if (moved < tolerance) {
      converged = true;
      break;
    }
  }
  return { intercept: beta[0]!, coefficients: beta.slice(1), iterations, converged };
}

export function predictLogistic(model: LogisticModel, row: readonly number[]): number {
  let z = model.intercept;
  for (let j = 0; j < model.coefficients.length; j++) z += model.coefficients[j]! * row[j]!;
  return sigmoid(z);
}
