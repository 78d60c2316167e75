-- wrk script for sampling-cost.sh: gin-lab's binding family, one request of each kind in turn (paths,
-- queries, a JSON body and a form bound and validated), each with a fresh id so caches keep working.
local n = 0
local order = '{"customerEmail":"a@example.com","lines":[{"sku":"SKU1","quantity":2},{"sku":"PEN1","quantity":1}],"note":"hi"}'
request = function()
  n = n + 1
  local k = n % 6
  if k == 0 then return wrk.format("GET", "/api/items/" .. (n % 500 + 1)) end
  if k == 1 then return wrk.format("GET", "/api/catalog/SKU" .. (n % 1000)) end
  if k == 2 then return wrk.format("GET", "/api/search?q=mug-" .. (n % 1000) .. "&page=1&per_page=20") end
  if k == 3 then return wrk.format("GET", "/api/render/" .. (n % 500 + 1) .. "?repeat=64") end
  if k == 4 then return wrk.format("POST", "/api/orders", {["Content-Type"] = "application/json"}, order) end
  return wrk.format("POST", "/api/forms/contact", {["Content-Type"] = "application/x-www-form-urlencoded"},
    "name=Ada&email=ada%40example.com&message=hello")
end
