-- DynamoDB Local's own ceiling for the calls the API makes, sent straight to it as the SDK would
-- (JSON 1.0 protocol). DynamoDB Local accepts any SigV4-shaped Authorization header.
-- Usage: wrk ... -s dynamodb.lua URL -- OPERATION TABLE OWNER TASKID   (OPERATION: get | query | put)
local op, tbl, owner, task
local counter = 0
local threads = 0

-- Runs in the main state once per thread: give each its own key range for put.
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function init(args)
  op, tbl, owner, task = args[1], args[2], args[3], args[4]
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
  wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000"
  wrk.headers["X-Amz-Date"] = "20260101T000000Z"
  if op == "get" then
    wrk.headers["X-Amz-Target"] = "DynamoDB_20120810.GetItem"
    wrk.body = string.format('{"TableName":"%s","Key":{"ownerId":{"S":"%s"},"taskId":{"S":"%s"}},"ConsistentRead":true}', tbl, owner, task)
  elseif op == "query" then
    wrk.headers["X-Amz-Target"] = "DynamoDB_20120810.Query"
    wrk.body = string.format('{"TableName":"%s","KeyConditionExpression":"#o = :o AND #t < :e","ExpressionAttributeNames":{"#o":"ownerId","#t":"taskId"},"ExpressionAttributeValues":{":o":{"S":"%s"},":e":{"S":"~"}},"Limit":21,"ConsistentRead":true}', tbl, owner)
  elseif op == "put" then
    wrk.headers["X-Amz-Target"] = "DynamoDB_20120810.PutItem"
  end
  -- Distinct keys per thread and per run for put (a run starts at the current second).
  counter = (thread_id or 0) * 100000000000000 + os.time() * 10000
end

function request()
  if op ~= "put" then
    return wrk.request()
  end
  counter = counter + 1
  local body = string.format('{"TableName":"%s","Item":{"ownerId":{"S":"wrk-ceiling"},"taskId":{"S":"%016d"},"title":{"S":"wrk"},"status":{"S":"todo"},"createdAt":{"S":"2026-11-25T12:00:00.000Z"},"updatedAt":{"S":"2026-11-25T12:00:00.000Z"},"version":{"N":"1"}},"ConditionExpression":"attribute_not_exists(#k)","ExpressionAttributeNames":{"#k":"taskId"}}', tbl, counter)
  return wrk.format(nil, nil, nil, body)
end
