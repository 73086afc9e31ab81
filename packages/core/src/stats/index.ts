export { normalQuantile } from './normal-quantile.js';
export { exactQuantile, parsePercentileAggregate } from './quantile.js';
export {
  createQuantileEstimator,
  type QuantileEstimator,
  type QuantileEstimatorOptions,
} from './quantile-estimator.js';
export { meanInterval, RunningMoments } from './running-moments.js';
export { studentTQuantile } from './student-t-quantile.js';
export { type Interval, wilsonInterval } from './wilson-interval.js';
