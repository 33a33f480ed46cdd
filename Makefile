# Build entry points for `sam build` (Metadata: BuildMethod: makefile in serverless.template).
# SAM runs `make build-<LogicalId>` with ARTIFACTS_DIR set; what lands there is the Lambda
# deployment package. Only the .NET SDK is needed (no Amazon.Lambda.Tools).
#
# Local check on an x64 machine:  make build-TasksFunction ARTIFACTS_DIR=/tmp/out RID=linux-x64

PROJECT       := src/Tasks.Api/Tasks.Api.csproj
CONFIGURATION ?= Release
# Must match the template's Flavour parameter: `managed` (dotnet10, Handler Tasks.Api, SnapStart) or
# `native-aot` (provided.al2023, one native `bootstrap`). sam build passes no parameters to make, so the
# flavour comes from the environment: FLAVOUR=native-aot sam build ... (README, "Native AOT").
FLAVOUR       ?= managed
ifeq ($(FLAVOUR),native-aot)
# Native AOT compiles for the machine it runs on: x86_64 from an x64 host (the template's native-aot architecture).
RID           ?= linux-x64
else
# Must match Architectures in serverless.template (arm64); override only for local testing.
RID           ?= linux-arm64
endif
# The native linker: Debian ships clang as clang-<version>.
CPP_LINKER    ?= $(or $(shell command -v clang 2>/dev/null),$(shell command -v clang-14 2>/dev/null),clang)
# ReadyToRun: precompiled code shortens the JIT part of cold starts and SnapStart restores.
READY_TO_RUN  ?= true
# Own obj/bin tree, so a RID-specific publish never rewrites the obj/ that IDE and
# `dotnet test` builds use, and a stale obj/ never leaks into a deployment.
BUILD_TREE    ?= $(CURDIR)/artifacts/sam-build

.PHONY: build-TasksFunction lint clean-sam

# ServerGarbageCollection=false: an instance serves one request at a time and server GC sizes
# heaps per core, costing memory for nothing at 1-2 vCPUs.
# UseAppHost=false: the managed runtime starts the app with its own `dotnet` host.
# native-aot: trim and AOT warnings are errors (Directory.Build.props), so a package that publishes is AOT-clean;
# only the executable (renamed bootstrap, as provided.al2023 starts it), appsettings.json and the page (wwwroot/ with
# its compressed variants, and the static-assets manifest that MapStaticAssets reads) are shipped.
build-TasksFunction:
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set (sam build sets it)"; exit 2; }
ifeq ($(FLAVOUR),native-aot)
	dotnet publish $(PROJECT) \
		--configuration $(CONFIGURATION) \
		--runtime $(RID) \
		--artifacts-path $(BUILD_TREE)-aot \
		-p:PublishAot=true \
		-p:ServerGarbageCollection=false \
		-p:StripSymbols=true \
		-p:CppCompilerAndLinker=$(CPP_LINKER) \
		--output $(BUILD_TREE)-aot/package
	cp $(BUILD_TREE)-aot/package/Tasks.Api $(ARTIFACTS_DIR)/bootstrap
	cp $(BUILD_TREE)-aot/package/appsettings.json $(ARTIFACTS_DIR)/
	cp $(BUILD_TREE)-aot/package/Tasks.Api.staticwebassets.endpoints.json $(ARTIFACTS_DIR)/
	cp -r $(BUILD_TREE)-aot/package/wwwroot $(ARTIFACTS_DIR)/
else ifeq ($(FLAVOUR),managed)
	dotnet publish $(PROJECT) \
		--configuration $(CONFIGURATION) \
		--runtime $(RID) \
		--self-contained false \
		--artifacts-path $(BUILD_TREE) \
		-p:PublishReadyToRun=$(READY_TO_RUN) \
		-p:ServerGarbageCollection=false \
		-p:UseAppHost=false \
		--output $(ARTIFACTS_DIR)
else
	@echo "FLAVOUR must be managed or native-aot, not '$(FLAVOUR)'"; exit 2
endif

lint:
	cfn-lint serverless.template

clean-sam:
	rm -rf .aws-sam $(BUILD_TREE) $(BUILD_TREE)-aot
