using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Switchyard.Testing;

/// <summary>A self-signed certificate written as PEM files (certificate, key), as an operator would make with openssl.</summary>
internal sealed class TestCertificate : IDisposable
{
    private readonly TempDirectory _folder = new("switchyard-cert-");

    public TestCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=switchyard-test", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        CertificateFile = Path.Combine(_folder.Path, "node.crt");
        KeyFile = Path.Combine(_folder.Path, "node.key");
        File.WriteAllText(CertificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(KeyFile, key.ExportPkcs8PrivateKeyPem());
        RawData = certificate.RawData;
    }

    public string CertificateFile { get; }

    public string KeyFile { get; }

    public byte[] RawData { get; }

    public void Dispose() => _folder.Dispose();
}
