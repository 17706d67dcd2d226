namespace Fixture
{
    // <usings>
    using System;
    using System.IO;
    // </usings>

    // <snippetprogram>
    class Program
    {
        static void Main(string[] args)
        {
            var name = "world";
            Console.WriteLine($"Hello, {name}!");
        }
    }
    // </snippetprogram>

    #region Helper
    internal static class Helper
    {
        #region Read
        public static string Read(string path) => File.ReadAllText(path);
        #endregion
    }
    #endregion
}
