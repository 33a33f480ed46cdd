-- POST /tasks with a small valid body (Auth:Mode None, rate limit off).
wrk.method = "POST"
wrk.body = '{"title":"wrk","status":"todo"}'
wrk.headers["Content-Type"] = "application/json"
