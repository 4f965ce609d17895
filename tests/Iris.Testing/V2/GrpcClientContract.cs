using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Iris.Predictor.Inference.Grpc;
using Xunit;

namespace Iris.Testing.V2;

/// <summary>
/// The Open Inference Protocol over gRPC, from a client generated from the protocol's proto with
/// Grpc.Net.Client over h2c, as tritonclient.grpc and kserve's InferenceGRPCClient call it, against
/// <see cref="GrpcAddress"/>: the predictor's gRPC port, or the gateway's.
/// </summary>
public abstract class GrpcClientContract : IDisposable
{
    private GrpcChannel? _channel;

    /// <summary>An http://host:port address that speaks HTTP/2 without TLS.</summary>
    protected abstract string GrpcAddress { get; }

    protected GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(GrpcAddress);

    private GRPCInferenceService.GRPCInferenceServiceClient Inference => new(Channel);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _channel?.Dispose();
        }
    }

    [Fact]
    public async Task TheServerAndTheModelAreLiveAndReady()
    {
        var version = (await Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "iris" })).Versions.Single();

        Assert.True((await Inference.ServerLiveAsync(new ServerLiveRequest())).Live);
        Assert.True((await Inference.ServerReadyAsync(new ServerReadyRequest())).Ready);
        Assert.True((await Inference.ModelReadyAsync(new ModelReadyRequest { Name = "iris" })).Ready);
        Assert.True((await Inference.ModelReadyAsync(new ModelReadyRequest { Name = "iris", Version = version })).Ready);
    }

    [Fact]
    public async Task MetadataDescribesTheServerAndTheModel()
    {
        var server = await Inference.ServerMetadataAsync(new ServerMetadataRequest());
        var model = await Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "iris" });

        Assert.False(string.IsNullOrEmpty(server.Name));
        Assert.False(string.IsNullOrEmpty(server.Version));
        Assert.Equal("iris", model.Name);
        Assert.Equal("mlnet_zip", model.Platform);
        var input = Assert.Single(model.Inputs);
        Assert.Equal(("input-0", "FP32"), (input.Name, input.Datatype));
        Assert.Equal([-1L, 4L], input.Shape);
        Assert.Equal(["species", "probabilities"], model.Outputs.Select(o => o.Name));
        Assert.Equal([-1L, 3L], model.Outputs[1].Shape);
    }

    [Theory]
    [InlineData("roses", "")]
    [InlineData("iris", "000000000000")]
    public async Task AnUnknownModelOrVersionIsNotFoundWithTheRestMessage(string name, string version)
    {
        var ready = await Assert.ThrowsAsync<RpcException>(async () => await Inference.ModelReadyAsync(new ModelReadyRequest { Name = name, Version = version }));
        var metadata = await Assert.ThrowsAsync<RpcException>(async () => await Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = name, Version = version }));
        var infer = await Assert.ThrowsAsync<RpcException>(async () => await Inference.ModelInferAsync(Typed(1, [5.1f, 3.5f, 1.4f, 0.2f], name, version)));

        foreach (var error in new[] { ready, metadata, infer })
        {
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            Assert.Contains(name == "iris" ? version : name, error.Status.Detail);
        }
    }

    [Fact]
    public async Task TypedContentsAreAnsweredWithTypedContents()
    {
        var response = await Inference.ModelInferAsync(Typed(3, [5.1f, 3.5f, 1.4f, 0.2f, 7.0f, 3.2f, 4.7f, 1.4f, 6.3f, 3.3f, 6.0f, 2.5f], id: "typed-1"));

        Assert.Equal("typed-1", response.Id);
        Assert.Equal("iris", response.ModelName);
        Assert.False(string.IsNullOrEmpty(response.ModelVersion));
        Assert.Empty(response.RawOutputContents);
        Assert.Equal(["setosa", "versicolor", "virginica"], response.Outputs[0].Contents.BytesContents.Select(b => b.ToStringUtf8()));
        Assert.Equal([3L], response.Outputs[0].Shape);
        Assert.Equal([3L, 3L], response.Outputs[1].Shape);
        Assert.Equal(9, response.Outputs[1].Contents.Fp32Contents.Count);
        Assert.Equal(1.0, response.Outputs[1].Contents.Fp32Contents.Take(3).Sum(), precision: 4);
    }

    [Fact]
    public async Task RawContentsOfFishersFlowersAreAnsweredRawWithTheTypedValues()
    {
        var flowers = FisherFlowers.All;
        // As tritonclient.grpc sends it: raw input, no outputs named, a priority parameter.
        var raw = new ModelInferRequest
        {
            ModelName = "iris",
            ModelVersion = "",
            Inputs = { new ModelInferRequest.Types.InferInputTensor { Name = "input-0", Datatype = "FP32", Shape = { flowers.Count, 4 } } },
            Parameters = { ["priority"] = new InferParameter { Uint64Param = 1 } },
            RawInputContents = { ByteString.CopyFrom(FisherFlowers.RawFp32()) },
        };

        var rawAnswer = await Inference.ModelInferAsync(raw);
        var typedAnswer = await Inference.ModelInferAsync(Typed(flowers.Count, FisherFlowers.Flat()));

        Assert.Equal(2, rawAnswer.RawOutputContents.Count);
        Assert.All(rawAnswer.Outputs, output => Assert.Null(output.Contents));
        var species = RawTensorReader.Bytes(rawAnswer.RawOutputContents[0].Span);
        var probabilities = RawTensorReader.Fp32(rawAnswer.RawOutputContents[1].Span);
        Assert.Equal(typedAnswer.Outputs[0].Contents.BytesContents.Select(b => b.ToStringUtf8()), species);
        Assert.Equal(typedAnswer.Outputs[1].Contents.Fp32Contents, probabilities);
        var agreeing = flowers.Zip(species).Count(pair => pair.First.Species == pair.Second);
        Assert.True(agreeing >= 144, $"{agreeing} of {flowers.Count} agree with their labels.");
    }

    [Fact]
    public async Task KServesRawRequestWithItsParametersIsAnswered()
    {
        var request = new ModelInferRequest
        {
            ModelName = "iris",
            Inputs =
            {
                new ModelInferRequest.Types.InferInputTensor
                {
                    Name = "input-0", Datatype = "FP32", Shape = { 1, 4 },
                    Parameters = { ["binary_data_size"] = new InferParameter { Int64Param = 16 } },
                },
            },
            Outputs = { new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "species" } },
            RawInputContents = { ByteString.CopyFrom([.. new[] { 6.3f, 3.3f, 6.0f, 2.5f }.SelectMany(BitConverter.GetBytes)]) },
        };

        var response = await Inference.ModelInferAsync(request);

        Assert.Equal("species", Assert.Single(response.Outputs).Name);
        Assert.Equal(["virginica"], RawTensorReader.Bytes(Assert.Single(response.RawOutputContents).Span));
    }

    public static TheoryData<string> BadRequests => new()
    {
        "shape [1,3]", "shape [2,4] with 4 values", "shape [0,4]", "shape [1001,4]", "datatype FP64", "input named other",
        "two inputs", "raw contents of 12 bytes", "raw and typed contents", "two raw contents", "a negative length",
        "NaN", "an unknown output", "classification", "shared memory",
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task ABadRequestIsInvalidArgumentWithAMessage(string what)
    {
        var request = Bad(what);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Inference.ModelInferAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Status.Detail));
    }

    [Fact]
    public async Task AMessageOverTheLimitIsResourceExhaustedAndTheServerGoesOn()
    {
        var huge = Typed(1, [5.1f, 3.5f, 1.4f, 0.2f], id: new string('x', 80 * 1024));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Inference.ModelInferAsync(huge));
        var after = await Inference.ModelInferAsync(Typed(1, [5.1f, 3.5f, 1.4f, 0.2f]));

        Assert.True(error.StatusCode == StatusCode.ResourceExhausted, error.ToString());
        Assert.Equal(2, after.Outputs.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("inference.GRPCInferenceService")]
    public async Task TheStandardHealthServiceSaysServing(string service)
    {
        var response = await new Health.HealthClient(Channel).CheckAsync(new HealthCheckRequest { Service = service });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task ReflectionListsTheInferenceService()
    {
        using var v1 = new Grpc.Reflection.V1.ServerReflection.ServerReflectionClient(Channel).ServerReflectionInfo();
        await v1.RequestStream.WriteAsync(new Grpc.Reflection.V1.ServerReflectionRequest { ListServices = "" });
        await v1.RequestStream.CompleteAsync();
        Assert.True(await v1.ResponseStream.MoveNext(CancellationToken.None));
        var v1Services = v1.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        using var v1Alpha = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(Channel).ServerReflectionInfo();
        await v1Alpha.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { FileContainingSymbol = "inference.GRPCInferenceService" });
        await v1Alpha.RequestStream.CompleteAsync();
        Assert.True(await v1Alpha.ResponseStream.MoveNext(CancellationToken.None));
        var file = v1Alpha.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto.Single();

        Assert.Contains("inference.GRPCInferenceService", v1Services);
        Assert.Contains("grpc.health.v1.Health", v1Services);
        Assert.Equal("inference", Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(file).Package);
    }

    public static TheoryData<string, StatusCode> MalformedMessages => new()
    {
        // Not protobuf: refused by Grpc.AspNetCore before the service sees it (its status for a message it cannot read).
        { "0a", StatusCode.Unknown },
        { "ffffffffffffffffffff01", StatusCode.Unknown },
        { "2a05deadbeef", StatusCode.Unknown },
        { "3a05ab", StatusCode.Unknown },
        // Protobuf, but not a valid request: the service's own answer. {model_name: "iris"} and no input:
        { "0a0469726973", StatusCode.InvalidArgument },
        // An input with only an unknown field, and no model name:
        { "2a023a00", StatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public async Task AMalformedMessageGetsAnErrorStatusAndTheServerStaysHealthy(string hex, StatusCode expected)
    {
        var bytes = Convert.FromHexString(hex);
        var method = new Method<byte[], byte[]>(MethodType.Unary, "inference.GRPCInferenceService", "ModelInfer",
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

        var call = Channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(), bytes);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);

        Assert.Equal(expected, error.StatusCode);
        Assert.True((await Inference.ServerLiveAsync(new ServerLiveRequest())).Live);
    }

    private static ModelInferRequest Typed(int rows, float[] values, string model = "iris", string version = "", string id = "") => new()
    {
        ModelName = model,
        ModelVersion = version,
        Id = id,
        Inputs =
        {
            new ModelInferRequest.Types.InferInputTensor
            {
                Name = "input-0", Datatype = "FP32", Shape = { rows, 4 },
                Contents = new InferTensorContents { Fp32Contents = { values } },
            },
        },
    };

    private static ModelInferRequest Bad(string what)
    {
        var flower = new[] { 5.1f, 3.5f, 1.4f, 0.2f };
        var request = Typed(1, flower);
        var input = request.Inputs[0];
        switch (what)
        {
            case "shape [1,3]": input.Shape[1] = 3; input.Contents.Fp32Contents.RemoveAt(3); break;
            case "shape [2,4] with 4 values": input.Shape[0] = 2; break;
            case "shape [0,4]": input.Shape[0] = 0; input.Contents.Fp32Contents.Clear(); break;
            case "shape [1001,4]": input.Shape[0] = 1001; break;
            case "datatype FP64": input.Datatype = "FP64"; input.Contents = new InferTensorContents { Fp64Contents = { 5.1, 3.5, 1.4, 0.2 } }; break;
            case "input named other": input.Name = "other"; break;
            case "two inputs": request.Inputs.Add(input.Clone()); break;
            case "raw contents of 12 bytes": input.Contents = null; request.RawInputContents.Add(ByteString.CopyFrom(new byte[12])); break;
            case "raw and typed contents": request.RawInputContents.Add(ByteString.CopyFrom([.. flower.SelectMany(BitConverter.GetBytes)])); break;
            case "two raw contents":
                input.Contents = null;
                request.RawInputContents.Add(ByteString.CopyFrom([.. flower.SelectMany(BitConverter.GetBytes)]));
                request.RawInputContents.Add(ByteString.CopyFrom([.. flower.SelectMany(BitConverter.GetBytes)]));
                break;
            case "a negative length": input.Contents.Fp32Contents[2] = -1.4f; break;
            case "NaN": input.Contents.Fp32Contents[0] = float.NaN; break;
            case "an unknown output": request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "colour" }); break;
            case "classification":
                request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "species", Parameters = { ["classification"] = new InferParameter { Int64Param = 2 } } });
                break;
            case "shared memory": input.Parameters["shared_memory_region"] = new InferParameter { StringParam = "input0_data" }; break;
            default: throw new ArgumentOutOfRangeException(nameof(what), what, null);
        }
        return request;
    }
}
