using Google.Protobuf;
using Grpc.Core;
using Iris.Predictor.Flowers;
using Iris.Predictor.Inference.Rest;
using Iris.Predictor.Model;
using Iris.Predictor.Prediction;
using Iris.Predictor.Telemetry;

namespace Iris.Predictor.Inference.Grpc;

/// <summary>
/// The Open Inference Protocol's <c>inference.GRPCInferenceService</c>, with the same model, checks and
/// messages as the REST API. Inputs come typed (<c>contents.fp32_contents</c>) or raw
/// (<c>raw_input_contents</c>); the answer comes the same way, so tritonclient.grpc, which sends and
/// reads only raw contents, gets <c>raw_output_contents</c>. Errors: INVALID_ARGUMENT, NOT_FOUND.
/// </summary>
public sealed class GrpcInferenceService(ModelStore models, PredictionService predictor) : GRPCInferenceService.GRPCInferenceServiceBase
{
    public override Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerLiveResponse { Live = true });

    public override Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerReadyResponse { Ready = true });

    public override Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context)
    {
        Find(request.Name, request.Version);
        return Task.FromResult(new ModelReadyResponse { Ready = true });
    }

    public override Task<ServerMetadataResponse> ServerMetadata(ServerMetadataRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerMetadataResponse
        {
            Name = InferenceApi.ServerName,
            Version = InferenceApi.ServerVersion,
            Extensions = { InferenceApi.SupportedExtensions },
        });

    public override Task<ModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context)
    {
        var model = Find(request.Name, request.Version);
        return Task.FromResult(new ModelMetadataResponse
        {
            Name = IrisModel.Name,
            Versions = { model.Version },
            Platform = IrisTensors.Platform,
            Inputs = { Tensor(IrisTensors.InputName, IrisTensors.Fp32, -1, IrisTensors.Features) },
            Outputs =
            {
                Tensor(IrisTensors.SpeciesOutput, IrisTensors.Bytes, -1),
                Tensor(IrisTensors.ProbabilitiesOutput, IrisTensors.Fp32, -1, Species.All.Count),
            },
        });
    }

    public override Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context)
    {
        // The model found here scores the request, so a reload meanwhile cannot answer for another version.
        var model = Find(request.ModelName, request.ModelVersion);
        InferenceCall call;
        try
        {
            call = GrpcInferenceReader.Read(request);
        }
        catch (InvalidInferenceRequestException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }

        var outputs = new InferenceOutputs(predictor.PredictBatch(call.Flowers, ServingProtocol.V2Grpc, model));
        return Task.FromResult(Answer(call, outputs));
    }

    private static ModelInferResponse Answer(InferenceCall call, InferenceOutputs outputs)
    {
        var response = new ModelInferResponse
        {
            ModelName = IrisModel.Name,
            ModelVersion = outputs.ModelVersion,
            Id = call.Id ?? "",
        };
        foreach (var output in call.Outputs)
        {
            var tensor = new ModelInferResponse.Types.InferOutputTensor
            {
                Name = output.Name,
                Datatype = InferenceOutputs.DatatypeOf(output.Name),
                Shape = { outputs.ShapeOf(output.Name) },
            };
            if (output.Raw)
            {
                var raw = new System.Buffers.ArrayBufferWriter<byte>();
                outputs.WriteRaw(raw, output.Name);
                response.RawOutputContents.Add(ByteString.CopyFrom(raw.WrittenSpan));
            }
            else
            {
                tensor.Contents = output.Name == IrisTensors.SpeciesOutput
                    ? new InferTensorContents { BytesContents = { outputs.SpeciesNames.Select(ByteString.CopyFromUtf8) } }
                    : new InferTensorContents { Fp32Contents = { outputs.Probabilities() } };
            }
            response.Outputs.Add(tensor);
        }
        return response;
    }

    private IrisModel Find(string name, string version) =>
        ModelLookup.Find(models, name, version, out var notFound) ?? throw new RpcException(new Status(StatusCode.NotFound, notFound!));

    private static ModelMetadataResponse.Types.TensorMetadata Tensor(string name, string datatype, params long[] shape) =>
        new() { Name = name, Datatype = datatype, Shape = { shape } };
}
