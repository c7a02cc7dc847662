/**
 * The pure offline answer stages, for the evaluation's replay of dumped search responses
 * (evals/src/answers/replay-answers.ts, rank-answers.ts): order → decide → compose, without a database.
 */
export { decideAnswer } from "./decide-answer";
export { composeExtractive } from "./compose-extractive";
export { readAssistantEnv } from "./env";
export { checkAnswerability, questionTerms } from "./check-answerability";
export { answerabilityFeatures, answerProbability, fitLogistic, FEATURE_NAMES } from "./answerability-model";
export { PASSAGE_POOL, rankPassages, TYPE_EVIDENCE } from "./rank-passages";
export type { FeatureName } from "./answerability-model";
