using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.Features;

namespace Lambda.Hosting.HttpApiV2;

/// <summary>
/// The mutual-TLS client certificate, as Kestrel exposes one: <c>HttpContext.Connection.ClientCertificate</c>, read by
/// certificate authentication. API Gateway has already checked it against the domain's truststore; parsed on first use.
/// </summary>
internal sealed class ClientCertificateFeature(string pem) : ITlsConnectionFeature
{
    private bool _parsed;
    private X509Certificate2? _certificate;

    public X509Certificate2? ClientCertificate
    {
        get
        {
            if (!_parsed)
            {
                _parsed = true;
                try
                {
                    _certificate = X509Certificate2.CreateFromPem(pem);
                }
                catch (CryptographicException)
                {
                    // Not from API Gateway, which only forwards a certificate it could verify: treat as none.
                    _certificate = null;
                }
            }

            return _certificate;
        }
        set
        {
            _parsed = true;
            _certificate = value;
        }
    }

    public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult(ClientCertificate);
}
