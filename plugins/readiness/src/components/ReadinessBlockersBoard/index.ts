export { ReadinessBlockersBoard } from './ReadinessBlockersBoard';
