/**
 * No request body or query. The response is a JSONL file download (one golden-set line per
 * rating marked "added to eval set", see listEvalSetFeedback), not JSON; failures before it
 * use the usual error shape.
 */
export {};
