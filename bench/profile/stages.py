#!/usr/bin/env python3
"""Splits a `perf script` of one .NET service into the stages of a request.

Each sample goes to the stage of the innermost frame that names one, so a helper (a memmove, a cast,
an allocation helper in managed code) counts for the code that called it. Reads `perf script -F
comm,tid,period,ip,sym,dso` from standard input; prints a Markdown table of each stage's share of the
process's samples and, given the CPU time per request, its cost in microseconds.

    perf script -F comm,tid,period,ip,sym,dso | stages.py [CPU_MICROSECONDS_PER_REQUEST]
"""
import re
import sys

# (stage, pattern on the frame's symbol, or on its object file for native code), innermost match wins;
# within one frame the first rule that matches.
RULES = [
    ("kernel: loopback TCP, epoll, scheduling", None, r"kernel\.kallsyms"),
    ("runtime: JIT", None, r"libclrjit"),
    ("runtime: GC, allocation, type system (libcoreclr)", None, r"libcoreclr"),
    ("model (ML.NET scoring)", r"Microsoft\.ML|IrisModel::", None),
    ("prediction cache", r"Iris\.Predictor\.Caching", None),
    ("prediction history", r"Iris\.Predictor\.History", None),
    ("validation", r"Validation|AttributeValidation|FollowsTheRules", None),
    ("JSON read", r"Utf8JsonReader|JsonSerializer.*Deserializ|JsonTypeInfo.*Deserializ|OnTryRead|ReadCore|ReadConstructorArguments"
                  r"|FlowerListConverter|Utf8Parser|NumberToFloatingPointBits|RestInferenceReader|ReadFromJsonAsync", None),
    ("JSON write", r"Utf8JsonWriter|WriteCore|OnTryWrite|BatchResponseWriter|HttpResultsHelper|Number::FormatFloat|NumberToString"
                   r"|JsonSerializer.*Serializ|RestInferenceWriter|WriteAsJsonAsync", None),
    ("metrics", r"System\.Diagnostics\.Metrics|PredictorMetrics|ServingMetrics|OpenTelemetry\.Metrics|Prometheus|HostingMetrics|KestrelMetrics", None),
    ("tracing (activities, OpenTelemetry)", r"System\.Diagnostics\.Activity|OpenTelemetry|HostingApplicationDiagnostics|DiagnosticListener"
                                           r"|DiagnosticSource|ActivitySource|Instrumentation", None),
    ("logging", r"Microsoft\.Extensions\.Logging", None),
    ("YARP forwarding", r"Yarp\.", None),
    ("HTTP client to the predictor", r"System\.Net\.Http", None),
    ("gateway edge features (rate limit, headers, limits, failover)", r"Iris\.Gateway|RateLimit", None),
    ("request body stream", r"HttpRequestStream|LimitedBody|RequestBody|MessageBody", None),
    ("routing", r"Microsoft\.AspNetCore\.Routing\.(Matching|EndpointRoutingMiddleware|Tree)|DfaMatcher|HttpMethodMatcherPolicy", None),
    ("middleware, binding and handler", r"RequestDelegateFactory|EndpointMiddleware|ExceptionHandler|StatusCodePages|LingeringClose"
                                        r"|Iris\.Predictor|Iris\.ServiceDefaults|Microsoft\.AspNetCore\.Http|Microsoft\.AspNetCore\.Builder", None),
    ("Kestrel HTTP/1.1 and hosting", r"Kestrel\.Core|Microsoft\.AspNetCore\.Hosting|HttpProtocol|Microsoft\.AspNetCore\.Server", None),
    ("sockets and pipes (managed)", r"Kestrel\.Transport\.Sockets|System\.Net\.Sockets|System\.IO\.Pipelines|SocketAsyncEngine", None),
    ("thread pool and async machinery", r"ThreadPool|AsyncTaskMethodBuilder|AsyncMethodBuilderCore|ExecutionContext|System\.Threading", None),
]
COMPILED = [(stage, re.compile(sym) if sym else None, re.compile(dso) if dso else None) for stage, sym, dso in RULES]
FRAME = re.compile(r"^\s*[0-9a-f]+ (.*) \(([^)]*)\)$")


def stage_of(frames):
    for symbol, dso in frames:
        for stage, sym, obj in COMPILED:
            if (sym and sym.search(symbol)) or (obj and obj.search(dso)):
                return stage
    return "other (unresolved native or ReadyToRun frames)"


def main():
    per_request = float(sys.argv[1]) if len(sys.argv) > 1 else None
    totals, frames, samples = {}, [], 0

    def flush():
        nonlocal samples
        if frames:
            stage = stage_of(frames)
            totals[stage] = totals.get(stage, 0) + 1
            samples += 1

    for line in sys.stdin:
        if not line.strip():
            flush()
            frames = []
        elif line[0] in " \t":
            match = FRAME.match(line.rstrip("\n"))
            if match:
                frames.append((match.group(1), match.group(2)))
    flush()

    print(f"| Stage | Share of the process's CPU | {'µs a request' if per_request else ''} |")
    print("|---|---:|---:|")
    for stage, count in sorted(totals.items(), key=lambda item: -item[1]):
        share = count / samples
        cost = f"{share * per_request:.1f}" if per_request else ""
        print(f"| {stage} | {share:.1%} | {cost} |")
    print(f"| all ({samples} samples) | 100% | {per_request:.1f} |" if per_request else f"| all ({samples} samples) | 100% | |")


if __name__ == "__main__":
    main()
