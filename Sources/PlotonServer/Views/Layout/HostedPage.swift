import Foundation
import Plot
import Vapor

/// The layout of every hosted page (consent, callback results, credentials form, settings) and of
/// the dashboard: one small inline stylesheet, no external assets, readable on a phone. Only the
/// dashboard loads a script (its copy buttons), from this server.
enum HostedPage {
    static let style: StaticString = """
        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}
        main{max-width:34rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px #0002}
        h1{font-size:1.4rem;margin-top:0}ul{padding-left:1.2rem}code{background:#eef0f3;padding:0 .3rem;border-radius:4px}
        .actions{display:flex;gap:.75rem;margin-top:1.5rem}
        button{font:inherit;padding:.6rem 1.2rem;border-radius:8px;border:1px solid #1b1f24;background:#fff;cursor:pointer}
        button.primary{background:#1b1f24;color:#fff}button:focus-visible{outline:3px solid #4c8bf5;outline-offset:2px}
        table{width:100%;border-collapse:collapse}td,th{text-align:left;padding:.4rem;border-bottom:1px solid #e3e6ea}
        label{display:block;margin:.8rem 0 .3rem}input[type=password],input[type=text],input[type=url],input[type=email]{font:inherit;width:100%;padding:.5rem;box-sizing:border-box}
        .muted{color:#57606a;font-size:.9rem}main.wide{max-width:64rem;margin:1rem auto}
        nav{display:flex;flex-wrap:wrap;gap:.4rem 1rem;margin-bottom:1rem}nav a{color:#1b1f24}nav a[aria-current]{font-weight:700}
        a{color:#0b57d0}.scroll{overflow-x:auto}.notice{background:#fff6d6;padding:.6rem 1rem;border-radius:8px}
        .error{background:#fde7e9;padding:.6rem 1rem;border-radius:8px}form.inline{display:inline-block;margin:.2rem 0}
        form.inline label{display:inline;margin:0 .3rem 0 0}textarea{font:14px/1.4 ui-monospace,monospace;width:100%;box-sizing:border-box}
        select{font:inherit;padding:.4rem;max-width:100%;box-sizing:border-box}
        pre{background:#eef0f3;padding:.6rem;border-radius:6px;overflow-x:auto}
        .ok{color:#116329}.bad{color:#a40e26}td code{white-space:nowrap}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
        dt{font-weight:600}dd{margin:0}time{white-space:nowrap}
        form.filters{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.5rem 1rem}form.filters>div{flex:1 1 10rem}
        form.filters label{margin:0 0 .3rem}form.filters select{width:100%;padding:.5rem}
        .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.6rem}
        .tile{background:#f6f7f9;border-radius:8px;padding:.5rem .8rem;font-size:.9rem}.tile b{display:block;font-size:1.3rem}
        .chart{margin:0}.chart>svg{width:100%;height:auto;display:block}.chart figcaption{font-size:.85rem;color:#57606a}
        .swatch{display:inline-block;width:.7rem;height:.7rem;border-radius:2px;margin:0 .25rem 0 .5rem}
        .columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:0 1.5rem}.windows a[aria-current]{font-weight:700}
        @media (max-width:40rem){main,main.wide{margin:0;padding:1rem;border-radius:0}}
        """

    enum Layout {
        /// A card for end users: consent, credentials, settings.
        case card
        /// The dashboard: wide, with its own script for copy buttons.
        case dashboard
    }

    static func response(status: HTTPStatus = .ok, title: String, body: Markup, layout: Layout = .card) -> Response {
        let head = Markup.tag(
            "head", .void("meta", .attr("charset", "utf-8")),
            .void("meta", .name("viewport"), .attr("content", "width=device-width,initial-scale=1")),
            .void("meta", .name("referrer"), .attr("content", "no-referrer")), .tag("title", .plain("\(title) · Ploton")),
            .stylesheet(style),
            layout == .dashboard ? .tag("script", .attr("src", "/dashboard/assets/dashboard.js"), .flag("defer")) : .empty)
        let main = Markup.tag("main", layout == .dashboard ? .class("wide") : .empty, .tag("h1", .plain(title)), body)
        let html = "<!doctype html>\n" + Markup.tag("html", .attr("lang", "en"), head, .tag("body", main)).render(indentedBy: nil)
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.add(name: "Cache-Control", value: "no-store")
        headers.add(name: "X-Frame-Options", value: "DENY")
        headers.add(
            name: "Content-Security-Policy",
            value:
                "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; form-action 'self' http: https:; frame-ancestors 'none'")
        return Response(status: status, headers: headers, body: .init(string: html))
    }

    static func message(status: HTTPStatus = .ok, title: String, message: String) -> Response {
        response(status: status, title: title, body: .p(.plain(message)))
    }

    static func redirect(to url: String) -> Response {
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: url)
        response.headers.add(name: "Cache-Control", value: "no-store")
        return response
    }
}
