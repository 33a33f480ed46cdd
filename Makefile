# Build entry points for `sam build` (Metadata: BuildMethod: makefile in serverless.template).
# SAM runs `make build-<LogicalId>` with ARTIFACTS_DIR set; what lands there is the Lambda
# deployment package. Only the .NET SDK is needed (no Amazon.Lambda.Tools).
#
# Local check on an x64 machine:  make build-TasksFunction ARTIFACTS_DIR=/tmp/out RID=linux-x64

PROJECT       := src/Tasks.Api/Tasks.Api.csproj
CONFIGURATION ?= Release
# Must match Architectures in serverless.template (arm64); override only for local testing.
RID           ?= linux-arm64
# ReadyToRun: precompiled code shortens the JIT part of cold starts and SnapStart restores.
READY_TO_RUN  ?= true
# Own obj/bin tree, so a RID-specific publish never rewrites the obj/ that IDE and
# `dotnet test` builds use, and a stale obj/ never leaks into a deployment.
BUILD_TREE    ?= $(CURDIR)/artifacts/sam-build

.PHONY: build-TasksFunction lint clean-sam

# ServerGarbageCollection=false: an instance serves one request at a time and server GC sizes
# heaps per core, costing memory for nothing at 1-2 vCPUs.
# UseAppHost=false: the managed runtime starts the app with its own `dotnet` host.
build-TasksFunction:
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set (sam build sets it)"; exit 2; }
	dotnet publish $(PROJECT) \
		--configuration $(CONFIGURATION) \
		--runtime $(RID) \
		--self-contained false \
		--artifacts-path $(BUILD_TREE) \
		-p:PublishReadyToRun=$(READY_TO_RUN) \
		-p:ServerGarbageCollection=false \
		-p:UseAppHost=false \
		--output $(ARTIFACTS_DIR)

lint:
	cfn-lint serverless.template

clean-sam:
	rm -rf .aws-sam $(BUILD_TREE)
