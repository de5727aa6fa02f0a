export {
  ReadinessLeaderboardPage,
  ReadinessLeaderboardContent,
} from './ReadinessLeaderboardPage';
